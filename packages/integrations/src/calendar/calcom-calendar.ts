/**
 * Cal.com API v2 as a calendar provider. Each tenant brings its own API key and event type
 * (tenants.calendar_settings: { apiKey, eventTypeId }). Endpoints are versioned by the
 * `cal-api-version` header; each resource has the version it is documented with.
 *
 *   import { createCalcomHttp, CALCOM_API_VERSIONS } from '@receptionist/integrations/calcom';
 */
import {
  confirmBookingRecord,
  getBookingRecord,
  getTenantSecrets,
  moveBookingRecord,
  setBookingHoldReference,
  setBookingStatus,
  SlotTakenError,
  type BookingRecord,
  type Db,
} from '@receptionist/db';
import type { Tenant } from '@receptionist/domain';
import type { BreakerFactory } from '../breaker.ts';
import {
  CalendarUnavailableError,
  calendarSettingsOf,
  durationMinutesFor,
  type CalendarProvider,
  type HoldRequest,
} from './calendar-port.ts';

export const CALCOM_API_VERSIONS = {
  slots: '2024-09-04',
  bookings: '2024-08-13',
} as const;

export interface CalcomRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  apiKey: string;
  version: string;
  query?: Record<string, string>;
  body?: unknown;
}

export interface CalcomResponse {
  status: number;
  body: { status?: string; data?: unknown; error?: unknown } & Record<string, unknown>;
}

export interface CalcomHttp {
  call(req: CalcomRequest): Promise<CalcomResponse>;
}

/** The Cal.com error a caller can act on (bad key, slot gone); 5xx and timeouts are retried instead. */
export class CalcomApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(`cal.com ${status}: ${message}`);
    this.name = 'CalcomApiError';
    this.status = status;
  }
}

export function createCalcomHttp(deps: {
  baseUrl: string;
  breakers: BreakerFactory;
  timeoutMs: number;
}): CalcomHttp {
  const base = deps.baseUrl.replace(/\/+$/, '');
  const breaker = deps.breakers.create(
    'calcom-api',
    async (req: CalcomRequest): Promise<CalcomResponse> => {
      const url = new URL(`${base}${req.path}`);
      for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
      const res = await fetch(url, {
        method: req.method,
        headers: {
          authorization: `Bearer ${req.apiKey}`,
          'cal-api-version': req.version,
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
      const text = await res.text();
      // A 5xx is Cal.com's trouble: it counts against the circuit and is retried by the caller.
      if (res.status >= 500) throw new Error(`cal.com answered ${res.status}`);
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    },
    {
      timeoutMs: deps.timeoutMs,
      fallback: (err) => {
        throw new CalendarUnavailableError(err);
      },
    },
  );
  return { call: (req) => breaker.fire(req) };
}

/** The API key is write-only and never on a Tenant (nor in its caches): read at the moment of use. */
async function settingsFor(
  db: Db,
  tenant: Tenant,
): Promise<{ apiKey: string; eventTypeId: number }> {
  const s = calendarSettingsOf(tenant);
  const apiKey = s.eventTypeId ? (await getTenantSecrets(db, tenant.id))?.calcomApiKey : null;
  if (!apiKey || !s.eventTypeId)
    throw new CalcomApiError(401, 'tenant has no Cal.com apiKey/eventTypeId configured');
  return { apiKey, eventTypeId: Number(s.eventTypeId) };
}

function ok(res: CalcomResponse): Record<string, unknown> {
  if (res.status >= 400) {
    const e = res.body.error as { message?: string } | undefined;
    throw new CalcomApiError(res.status, e?.message ?? JSON.stringify(res.body).slice(0, 200));
  }
  return (res.body.data ?? {}) as Record<string, unknown>;
}

export function createCalcomCalendar(deps: {
  db: Db;
  http: CalcomHttp;
  builtin: { holdRow(tenant: Tenant, req: HoldRequest, p: 'calcom'): Promise<BookingRecord> };
}): CalendarProvider {
  async function mustGet(tenantId: string, bookingId: string): Promise<BookingRecord> {
    const b = await getBookingRecord(deps.db, tenantId, bookingId);
    if (!b) throw new Error(`booking ${bookingId} not found`);
    return b;
  }

  /** The Cal.com booking an earlier attempt made for this booking of ours, if any. */
  async function findOurs(
    apiKey: string,
    eventTypeId: number,
    b: BookingRecord,
  ): Promise<string | null> {
    const res = await deps.http.call({
      method: 'GET',
      path: '/bookings',
      apiKey,
      version: CALCOM_API_VERSIONS.bookings,
      query: {
        eventTypeId: String(eventTypeId),
        afterStart: new Date(b.startsAt.getTime() - 60_000).toISOString(),
        beforeEnd: new Date(b.endsAt.getTime() + 60_000).toISOString(),
        take: '100',
      },
    });
    // A lookup Cal.com cannot answer is a retry of the whole activity, never a blind create.
    const data = ok(res) as unknown;
    const list = Array.isArray(data) ? (data as Record<string, unknown>[]) : [];
    const mine = list.find(
      (x) =>
        (x.metadata as Record<string, unknown> | undefined)?.bookingId === b.id &&
        x.status !== 'cancelled' &&
        typeof x.uid === 'string',
    );
    return (mine?.uid as string | undefined) ?? null;
  }

  return {
    kind: 'calcom',

    async findFreeSlots(tenant, q) {
      const { apiKey, eventTypeId } = await settingsFor(deps.db, tenant);
      const data = ok(
        await deps.http.call({
          method: 'GET',
          path: '/slots',
          apiKey,
          version: CALCOM_API_VERSIONS.slots,
          query: {
            eventTypeId: String(eventTypeId),
            start: q.from.toISOString(),
            end: q.to.toISOString(),
            timeZone: 'UTC',
          },
        }),
      ) as Record<string, { start: string; end?: string }[]>;
      const minutes = durationMinutesFor(tenant, q.service);
      return Object.values(data)
        .flat()
        .map((s) => {
          const startsAt = new Date(s.start);
          const endsAt = s.end ? new Date(s.end) : new Date(startsAt.getTime() + minutes * 60_000);
          return { startsAt, endsAt };
        })
        .filter((s) => s.startsAt >= q.from && s.endsAt <= q.to)
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    },

    async hold(tenant, req) {
      const { apiKey, eventTypeId } = await settingsFor(deps.db, tenant);
      // Our row first: the exclusion constraint is what makes concurrent holds safe.
      const row = await deps.builtin.holdRow(tenant, req, 'calcom');
      if (row.holdReference || row.status === 'confirmed') return row;
      const minutes = Math.max(1, Math.ceil((req.holdExpiresAt.getTime() - Date.now()) / 60_000));
      const res = await deps.http.call({
        method: 'POST',
        path: '/slots/reservations',
        apiKey,
        version: CALCOM_API_VERSIONS.slots,
        body: { eventTypeId, slotStart: row.startsAt.toISOString(), reservationDuration: minutes },
      });
      if (res.status === 409 || res.status === 422 || res.status === 400) {
        // Taken at Cal.com (booked on its own page): give our row back and say so.
        await setBookingStatus(deps.db, tenant.id, req.bookingId, 'cancelled');
        throw new SlotTakenError();
      }
      const data = ok(res) as { reservationUid?: string; uid?: string };
      await setBookingHoldReference(
        deps.db,
        tenant.id,
        req.bookingId,
        data.reservationUid ?? data.uid ?? null,
      );
      return mustGet(tenant.id, req.bookingId);
    },

    async confirm(tenant, bookingId) {
      const { apiKey, eventTypeId } = await settingsFor(deps.db, tenant);
      const b = await mustGet(tenant.id, bookingId);
      if (b.status === 'confirmed' && b.externalId) return b;
      if (b.status === 'cancelled') throw new SlotTakenError();
      // A retry after a create whose answer was lost (timeout, 5xx after the write) must adopt
      // that booking, not make a second one: look for ours by its metadata first.
      let externalId = b.externalId ?? (await findOurs(apiKey, eventTypeId, b));
      if (!externalId) {
        const data = ok(
          await deps.http.call({
            method: 'POST',
            path: '/bookings',
            apiKey,
            version: CALCOM_API_VERSIONS.bookings,
            body: {
              start: b.startsAt.toISOString(),
              eventTypeId,
              attendee: {
                name: b.attendeeName ?? 'Guest',
                timeZone: tenant.timezone,
                phoneNumber: b.attendeePhone ?? undefined,
                language: (tenant.languages[0] ?? 'en').split('-')[0],
              },
              // The webhook for this booking comes back to us; this is how we know it is ours.
              metadata: { bookingId: b.id, tenantId: tenant.id },
            },
          }),
        ) as { uid?: string };
        externalId = data.uid ?? null;
      }
      const confirmed = await confirmBookingRecord(deps.db, tenant.id, bookingId, externalId);
      if (!confirmed) throw new SlotTakenError();
      return confirmed;
    },

    async release(tenant, bookingId) {
      const b = await getBookingRecord(deps.db, tenant.id, bookingId);
      if (!b || b.status === 'confirmed' || b.status === 'cancelled') return b;
      if (b.holdReference) {
        const { apiKey } = await settingsFor(deps.db, tenant);
        const res = await deps.http.call({
          method: 'DELETE',
          path: `/slots/reservations/${encodeURIComponent(b.holdReference)}`,
          apiKey,
          version: CALCOM_API_VERSIONS.slots,
        });
        if (res.status >= 400 && res.status !== 404) ok(res);
      }
      await setBookingStatus(deps.db, tenant.id, bookingId, 'cancelled');
      return getBookingRecord(deps.db, tenant.id, bookingId);
    },

    async cancel(tenant, bookingId, opts) {
      const b = await mustGet(tenant.id, bookingId);
      if (b.status === 'cancelled') return b;
      if (b.externalId && !opts.alreadyCancelledAtProvider) {
        const { apiKey } = await settingsFor(deps.db, tenant);
        const res = await deps.http.call({
          method: 'POST',
          path: `/bookings/${encodeURIComponent(b.externalId)}/cancel`,
          apiKey,
          version: CALCOM_API_VERSIONS.bookings,
          body: { cancellationReason: opts.reason },
        });
        // Already cancelled there (a retry after the call landed) is what we wanted.
        if (res.status >= 400 && res.status !== 404 && res.status !== 409) ok(res);
      } else if (!b.externalId && b.holdReference) {
        await this.release(tenant, bookingId);
      }
      await setBookingStatus(deps.db, tenant.id, bookingId, 'cancelled');
      return mustGet(tenant.id, bookingId);
    },

    async reschedule(tenant, bookingId, to) {
      const b = await mustGet(tenant.id, bookingId);
      const endsAt =
        to.endsAt ?? new Date(to.startsAt.getTime() + (b.endsAt.getTime() - b.startsAt.getTime()));
      if (
        b.startsAt.getTime() === to.startsAt.getTime() &&
        (!to.externalId || to.externalId === b.externalId)
      )
        return b;
      const previous = { startsAt: b.startsAt, endsAt: b.endsAt };
      // Our records move first (the constraint decides); Cal.com follows, or we move back.
      await moveBookingRecord(deps.db, tenant.id, bookingId, { startsAt: to.startsAt, endsAt });
      let externalId = to.externalId ?? null;
      if (!externalId && b.externalId) {
        const { apiKey } = await settingsFor(deps.db, tenant);
        try {
          const data = ok(
            await deps.http.call({
              method: 'POST',
              path: `/bookings/${encodeURIComponent(b.externalId)}/reschedule`,
              apiKey,
              version: CALCOM_API_VERSIONS.bookings,
              body: {
                start: to.startsAt.toISOString(),
                reschedulingReason: to.reason ?? 'rescheduled',
              },
            }),
          ) as { uid?: string };
          externalId = data.uid ?? b.externalId;
        } catch (err) {
          await moveBookingRecord(deps.db, tenant.id, bookingId, previous);
          if (err instanceof CalcomApiError && err.status === 409) throw new SlotTakenError();
          throw err;
        }
      }
      const moved = await moveBookingRecord(deps.db, tenant.id, bookingId, {
        startsAt: to.startsAt,
        endsAt,
        externalId,
      });
      return moved!;
    },
  };
}

export interface CalcomBookingSummary {
  uid: string;
  start: string;
  end: string;
  status: string;
  /** Our booking id, when we made it (metadata.bookingId). */
  bookingId: string | null;
}

/** The tenant's Cal.com bookings of its event type starting in [from, to), for reconciling. */
export async function listCalcomBookings(
  db: Db,
  http: CalcomHttp,
  tenant: Tenant,
  from: Date,
  to: Date,
): Promise<CalcomBookingSummary[]> {
  const { apiKey, eventTypeId } = await settingsFor(db, tenant);
  const res = await http.call({
    method: 'GET',
    path: '/bookings',
    apiKey,
    version: CALCOM_API_VERSIONS.bookings,
    query: {
      eventTypeId: String(eventTypeId),
      afterStart: from.toISOString(),
      beforeEnd: to.toISOString(),
      take: '250',
    },
  });
  const data = ok(res) as unknown;
  return (Array.isArray(data) ? (data as Record<string, unknown>[]) : []).flatMap((x) =>
    typeof x.uid === 'string'
      ? [
          {
            uid: x.uid,
            start: String(x.start),
            end: String(x.end),
            status: String(x.status),
            bookingId:
              ((x.metadata as Record<string, unknown> | undefined)?.bookingId as string) ?? null,
          },
        ]
      : [],
  );
}
