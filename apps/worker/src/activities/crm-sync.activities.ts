/**
 * The CRM sync's one activity: a page of what changed since the cursor, sent to the business's
 * HubSpot and/or signed webhook. Idempotent per object: the CRM's id and the version sent are
 * stored (crm_links), so a retry or the next run updates in place or sends nothing. A 429 stops
 * the page with HubSpot's Retry-After as the next retry's delay; the cursor keeps what was done.
 */
import { ApplicationFailure } from '@temporalio/activity';
import {
  getContact,
  getContactErasure,
  getCrmConnection,
  getCrmCursor,
  getCrmLink,
  getTenant,
  listCrmChanges,
  saveCrmCursor,
  saveCrmLink,
  type CrmBookingRow,
  type CrmCallRow,
  type CrmConnection,
  type CrmContactRow,
  type CrmKind,
  type Db,
} from '@receptionist/db';
import {
  CrmRateLimited,
  CrmRejected,
  type CrmPort,
  type HubSpotCrmFactory,
  type SignedWebhookSender,
  type WebhookEvent,
} from '@receptionist/integrations/crm';
import type { Logger } from '@receptionist/observability';

export interface CrmSyncActivityDeps {
  db: Db;
  logger: Logger;
  hubspot: HubSpotCrmFactory | null;
  webhooks: SignedWebhookSender | null;
  /** Where staff read a call's transcript: `<publicBaseUrl>/console/calls/<id>`. */
  publicBaseUrl: string;
}

type Row = CrmContactRow | CrmCallRow | CrmBookingRow;
const EVENT: Record<CrmKind, WebhookEvent['type']> = {
  contact: 'contact.upserted',
  call: 'call.logged',
  booking: 'booking.updated',
};

export function createCrmSyncActivities(deps: CrmSyncActivityDeps) {
  const fresh = async (
    tenantId: string,
    target: 'hubspot' | 'webhook',
    kind: CrmKind,
    row: Row,
  ) => {
    const link = await getCrmLink(deps.db, tenantId, target, kind, row.id);
    return { link, current: !!link && link.syncedVersion.getTime() >= row.updatedAt.getTime() };
  };

  /** The contact's HubSpot id, upserting the contact first when it was never sent. */
  async function contactCrmId(port: CrmPort, tenantId: string, contactId: string) {
    const link = await getCrmLink(deps.db, tenantId, 'hubspot', 'contact', contactId);
    if (link?.externalId) return link.externalId;
    // An erased contact is never sent again: one who had replied STOP keeps a row with their
    // number, and their anonymised calls would otherwise re-create them in the CRM.
    if (await getContactErasure(deps.db, tenantId, contactId)) return null;
    const c = await getContact(deps.db, tenantId, contactId);
    if (!c) return null;
    const id = await port.upsertContact(
      { ourId: c.id, phone: c.phone, name: c.name, email: c.email },
      null,
    );
    await saveCrmLink(deps.db, tenantId, {
      target: 'hubspot',
      kind: 'contact',
      ourId: c.id,
      externalId: id,
      version: c.updatedAt,
    });
    return id;
  }

  async function toHubSpot(
    port: CrmPort,
    tenantId: string,
    kind: CrmKind,
    row: Row,
    tenantName: string,
  ) {
    const { link, current } = await fresh(tenantId, 'hubspot', kind, row);
    if (current) return false;
    let externalId: string;
    if (kind === 'contact') {
      const c = row as CrmContactRow;
      externalId = await port.upsertContact(
        { ourId: c.id, phone: c.phone, name: c.name, email: c.email },
        link?.externalId ?? null,
      );
    } else {
      const r = row as CrmCallRow | CrmBookingRow;
      const contact = r.contactId ? await contactCrmId(port, tenantId, r.contactId) : null;
      if (!contact) throw new CrmRejected(0, 'no contact to associate with');
      if (kind === 'call') {
        const c = row as CrmCallRow;
        externalId = await port.logCall(
          {
            ourId: c.id,
            contactCrmId: contact,
            startedAt: c.startedAt,
            durationSeconds: c.durationSeconds,
            direction: c.direction,
            outcome: c.outcome,
            summary: c.summary,
            transcriptUrl: `${deps.publicBaseUrl.replace(/\/+$/, '')}/console/calls/${c.id}`,
          },
          link?.externalId ?? null,
        );
      } else {
        const b = row as CrmBookingRow;
        externalId = await port.logMeeting(
          {
            ourId: b.id,
            contactCrmId: contact,
            title: `${b.service || 'Appointment'} at ${tenantName}`,
            startsAt: b.startsAt,
            endsAt: b.endsAt,
            status: b.status,
          },
          link?.externalId ?? null,
        );
      }
    }
    await saveCrmLink(deps.db, tenantId, {
      target: 'hubspot',
      kind,
      ourId: row.id,
      externalId,
      version: row.updatedAt,
    });
    return true;
  }

  async function toWebhook(conn: CrmConnection, tenantId: string, kind: CrmKind, row: Row) {
    if (!deps.webhooks || !conn.webhookUrl || !conn.webhookSecret) return false;
    if ((await fresh(tenantId, 'webhook', kind, row)).current) return false;
    const { updatedAt, ...data } = row;
    await deps.webhooks.deliver(conn.webhookUrl, conn.webhookSecret, {
      id: `${kind}:${row.id}:${updatedAt.getTime()}`,
      type: EVENT[kind],
      tenantId,
      occurredAt: updatedAt.toISOString(),
      data: { ...data, updatedAt: updatedAt.toISOString() },
    });
    await saveCrmLink(deps.db, tenantId, {
      target: 'webhook',
      kind,
      ourId: row.id,
      externalId: null,
      version: updatedAt,
    });
    return true;
  }

  return {
    async resetCrmCursors(i: { tenantId: string }): Promise<void> {
      for (const kind of ['contact', 'call', 'booking'] as const)
        await saveCrmCursor(deps.db, i.tenantId, kind, null);
    },

    async syncCrmPage(i: { tenantId: string; kind: CrmKind; limit: number }): Promise<{
      processed: number;
      hubspot: number;
      webhook: number;
      failed: number;
      done: boolean;
    }> {
      const out = { processed: 0, hubspot: 0, webhook: 0, failed: 0, done: true };
      const conn = await getCrmConnection(deps.db, i.tenantId);
      const tenant = await getTenant(deps.db, i.tenantId);
      if (!conn || !tenant) return out;
      const port =
        conn.hubspotToken && deps.hubspot ? deps.hubspot.forToken(conn.hubspotToken) : null;
      const rows = await listCrmChanges(
        deps.db,
        i.tenantId,
        i.kind,
        await getCrmCursor(deps.db, i.tenantId, i.kind),
        i.limit,
      );
      for (const row of rows) {
        for (const [target, send] of [
          ['hubspot', () => (port ? toHubSpot(port, i.tenantId, i.kind, row, tenant.name) : false)],
          ['webhook', () => toWebhook(conn, i.tenantId, i.kind, row)],
        ] as const) {
          try {
            if (await send()) out[target] += 1;
          } catch (err) {
            if (err instanceof CrmRateLimited) {
              throw ApplicationFailure.create({
                type: 'CrmRateLimited',
                message: err.message,
                nextRetryDelay: err.retryAfterMs,
              });
            }
            if (!(err instanceof CrmRejected)) throw err;
            // Refused as invalid: recorded and passed over, so one bad row does not stall the rest.
            out.failed += 1;
            deps.logger.warn(
              { tenantId: i.tenantId, kind: i.kind, target, status: err.status },
              'crm sync refused',
            );
            await saveCrmLink(deps.db, i.tenantId, {
              target,
              kind: i.kind,
              ourId: row.id,
              externalId: null,
              version: row.updatedAt,
              error: err.message.slice(0, 300),
            });
          }
        }
        await saveCrmCursor(deps.db, i.tenantId, i.kind, { at: row.updatedAt, id: row.id });
        out.processed += 1;
      }
      out.done = rows.length < i.limit;
      return out;
    },
  };
}

export type CrmSyncActivities = ReturnType<typeof createCrmSyncActivities>;
