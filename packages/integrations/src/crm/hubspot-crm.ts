/**
 * HubSpot through its own SDK (`@hubspot/api-client`): contacts upserted by phone, calls logged
 * as call engagements (summary and transcript link in the body), bookings as meetings, each
 * associated with the contact; an erasure is HubSpot's GDPR delete (permanent, unlike archiving).
 * Every request goes through the `hubspot` breaker; a 429 becomes CrmRateLimited with HubSpot's
 * Retry-After, so the caller's retry waits as long as asked.
 */
import { Client } from '@hubspot/api-client';
import type { BreakerFactory } from '../breaker.ts';
import { CrmRateLimited, CrmRejected, retryAfterMs, type CrmPort } from './crm-port.ts';

// HubSpot-defined association type ids (v4): call → contact 194, meeting → contact 200.
const CALL_TO_CONTACT = 194;
const MEETING_TO_CONTACT = 200;

const assoc = (contactId: string, typeId: number) => [
  {
    to: { id: contactId },
    types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: typeId }],
  },
];

function splitName(name: string | null): { firstname?: string; lastname?: string } {
  if (!name) return {};
  const [first, ...rest] = name.trim().split(/\s+/);
  return { firstname: first, ...(rest.length ? { lastname: rest.join(' ') } : {}) };
}

// The GDPR delete is not among @hubspot/api-client 13's generated contact APIs (no gdprApi on
// crm.contacts), so it goes through the client's own apiRequest: same base path, token and
// decorators as every other call.
const GDPR_DELETE = '/crm/v3/objects/contacts/gdpr-delete';

function translate(err: unknown): never {
  const e = err as { code?: number; headers?: Record<string, string>; message?: string };
  if (e.code === 429) throw new CrmRateLimited(retryAfterMs(e.headers?.['retry-after']));
  if (typeof e.code === 'number' && e.code >= 400 && e.code < 500 && e.code !== 404)
    throw new CrmRejected(e.code, `HubSpot refused the request (${e.code})`);
  throw err;
}

export interface HubSpotCrmFactory {
  forToken(accessToken: string): CrmPort;
}

export function createHubSpotCrm(deps: {
  breakers: BreakerFactory;
  /** Replaces https://api.hubapi.com (a local stand-in in tests). */
  basePath?: string;
  timeoutMs?: number;
}): HubSpotCrmFactory {
  const breaker = deps.breakers.create(
    'hubspot',
    async <T>(run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (err) {
        return translate(err);
      }
    },
    { timeoutMs: deps.timeoutMs ?? 10_000 },
  );
  const call = <T>(run: () => Promise<T>) => breaker.fire(run) as Promise<T>;

  return {
    forToken(accessToken) {
      // Retries are ours (Temporal's, with Retry-After), not the SDK's.
      const hs = new Client({
        accessToken,
        numberOfApiCallRetries: 0,
        ...(deps.basePath ? { basePath: deps.basePath } : {}),
      });
      const notFound = (err: unknown) => (err as { code?: number }).code === 404;
      const findByPhone = async (phone: string) => {
        const found = await call(() =>
          hs.crm.contacts.searchApi.doSearch({
            filterGroups: [
              { filters: [{ propertyName: 'phone', operator: 'EQ' as never, value: phone }] },
            ],
            properties: ['phone'],
            limit: 1,
            after: '0',
            sorts: [],
          }),
        );
        return found.results[0]?.id ?? null;
      };
      /** true: deleted now; false: HubSpot has no contact with that id (gone already). */
      const purge = (objectId: string) =>
        call(async () => {
          const res = await hs.apiRequest({
            method: 'POST',
            path: GDPR_DELETE,
            body: { objectId },
          });
          if (res.status === 204 || res.status === 200) return true;
          if (res.status === 404) return false;
          // Shaped like the SDK's own errors, so translate() maps 429 and 4xx the same way.
          throw Object.assign(new Error(`HubSpot GDPR delete answered ${res.status}`), {
            code: res.status,
            headers: { 'retry-after': res.headers.get('retry-after') ?? undefined },
          });
        });
      return {
        provider: 'hubspot',
        async upsertContact(c, crmId) {
          const properties = {
            phone: c.phone,
            ...splitName(c.name),
            ...(c.email ? { email: c.email } : {}),
          };
          if (crmId) {
            try {
              await call(() => hs.crm.contacts.basicApi.update(crmId, { properties }));
              return crmId;
            } catch (err) {
              // Deleted in HubSpot since: found again by phone or created below.
              if (!notFound(err)) throw err;
            }
          }
          const existing = await findByPhone(c.phone);
          if (existing) {
            await call(() => hs.crm.contacts.basicApi.update(existing, { properties }));
            return existing;
          }
          const made = await call(() =>
            hs.crm.contacts.basicApi.create({ properties, associations: [] }),
          );
          return made.id;
        },
        async eraseContact(t) {
          // The stored id first; a 404 there means it is gone already (a repeated run, or
          // deleted by hand), which is what an erasure wants.
          let erased = false;
          if (t.crmId) {
            await purge(t.crmId);
            erased = true;
          }
          // Then the number: a copy entered by hand, or one we never stored an id for.
          for (let i = 0; t.phone && i < 5; i++) {
            const id = await findByPhone(t.phone);
            if (!id || !(await purge(id))) break;
            erased = true;
          }
          return erased ? 'erased' : 'not_found';
        },
        async logCall(c, crmId) {
          const body = [c.summary ?? '', `Transcript: ${c.transcriptUrl}`]
            .filter(Boolean)
            .join('\n\n');
          const properties = {
            hs_timestamp: c.startedAt.toISOString(),
            hs_call_title: `${c.direction === 'outbound' ? 'Outbound' : 'Inbound'} call${c.outcome ? ` (${c.outcome})` : ''}`,
            hs_call_body: body,
            hs_call_direction: c.direction === 'outbound' ? 'OUTBOUND' : 'INBOUND',
            hs_call_status: 'COMPLETED',
            ...(c.durationSeconds !== null
              ? { hs_call_duration: String(c.durationSeconds * 1000) }
              : {}),
          };
          if (crmId) {
            await call(() => hs.crm.objects.calls.basicApi.update(crmId, { properties }));
            return crmId;
          }
          const made = await call(() =>
            hs.crm.objects.calls.basicApi.create({
              properties,
              associations: assoc(c.contactCrmId, CALL_TO_CONTACT),
            }),
          );
          return made.id;
        },
        async logMeeting(m, crmId) {
          const properties = {
            hs_timestamp: m.startsAt.toISOString(),
            hs_meeting_title: m.title,
            hs_meeting_start_time: m.startsAt.toISOString(),
            hs_meeting_end_time: m.endsAt.toISOString(),
            hs_meeting_outcome:
              m.status === 'cancelled'
                ? 'CANCELED'
                : m.status === 'no_show'
                  ? 'NO_SHOW'
                  : m.status === 'completed'
                    ? 'COMPLETED'
                    : 'SCHEDULED',
          };
          if (crmId) {
            await call(() => hs.crm.objects.meetings.basicApi.update(crmId, { properties }));
            return crmId;
          }
          const made = await call(() =>
            hs.crm.objects.meetings.basicApi.create({
              properties,
              associations: assoc(m.contactCrmId, MEETING_TO_CONTACT),
            }),
          );
          return made.id;
        },
      };
    },
  };
}
