import { randomUUID } from 'node:crypto';
import type { BookingClient, BookingStatusView } from '@receptionist/booking-client';
import {
  addWaitlistEntry,
  getBookingRecord,
  listUpcomingBookingsByPhone,
  updateContactDetails,
  upsertContactByPhone,
  type Db,
} from '@receptionist/db';
import { createTenantProfileCache, type TenantProfiles } from '@receptionist/db/tenant-profiles';
import type { Tenant } from '@receptionist/domain';
import type { Calendars } from '@receptionist/integrations/calendar';
import {
  resolveService,
  SlotTakenError,
  UnknownServiceError,
  type BookingGateway,
  type BookingSummary,
  type BookResult,
} from './booking.gateway.ts';

/**
 * The booking workflow did not reach an answer the caller can be told (still holding after the
 * wait, expired, failed). The tool turns it into an apology; whatever the workflow does later
 * reaches the caller as its own text.
 */
export class BookingNotSettledError extends Error {
  readonly bookingId: string;
  readonly phase: string;
  constructor(bookingId: string, phase: string) {
    super(`booking ${bookingId} did not settle (phase ${phase})`);
    this.name = 'BookingNotSettledError';
    this.bookingId = bookingId;
    this.phase = phase;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CALL_OFF_RETRIES = 5;
const CALL_OFF_RETRY_MS = 2_000;

/** Temporal's client wraps the server's answer; the log wants the answer. */
const reasonOf = (err: unknown): string =>
  err instanceof Error && err.cause instanceof Error
    ? `${err.message}: ${err.cause.message}`
    : String(err);

/**
 * Bookings through the Booking workflow (apps/worker): the same hold, deposit, confirmation,
 * texts and reminders whether the caller books on the phone, by text or on the web, and the
 * Cal.com booking for Cal.com tenants. Free slots come from the tenant's own calendar provider,
 * the one the workflow holds with. The workflow texts the confirmation (or the deposit link)
 * itself, so results say `confirmationTexted` and the agent does not text it again.
 */
export function createWorkflowBookingGateway(deps: {
  db: Db;
  /** The process's tenant profile cache, the one the turn service reads; else Postgres. */
  tenants?: Pick<TenantProfiles, 'get'>;
  calendars: Pick<Calendars, 'for'>;
  bookingClient: BookingClient;
  /** How long book/cancel/reschedule wait for the workflow's answer. */
  waitMs: number;
  now?: () => Date;
}): BookingGateway {
  const { db, bookingClient: client } = deps;
  const now = deps.now ?? (() => new Date());
  const tenants = deps.tenants ?? createTenantProfileCache({ db });

  async function tenantOf(tenantId: string): Promise<Tenant> {
    const t = await tenants.get(tenantId);
    if (!t) throw new Error('unknown tenant');
    return t;
  }

  async function recordOf(tenantId: string, bookingId: string) {
    const b = await getBookingRecord(db, tenantId, bookingId);
    if (!b) throw new BookingNotSettledError(bookingId, 'no booking row');
    return b;
  }

  async function resultOf(tenant: Tenant, bookingId: string, s: BookingStatusView) {
    const b = await recordOf(tenant.id, bookingId);
    const r: BookResult = {
      bookingId,
      status: b.status,
      service: b.service,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      depositAmountMinor: b.depositAmountMinor,
      currency: b.currency || tenant.currency,
      confirmationTexted: true,
    };
    if (s.checkoutUrl) r.depositUrl = s.checkoutUrl;
    return r;
  }

  /** Polls the workflow's status until `done` says so or the wait is over. */
  async function until(
    tenantId: string,
    bookingId: string,
    done: (s: BookingStatusView) => boolean,
  ): Promise<BookingStatusView | null> {
    const deadline = Date.now() + deps.waitMs;
    for (;;) {
      const s = await client.getBookingStatus(tenantId, bookingId);
      if ((s && done(s)) || Date.now() >= deadline) return s;
      await sleep(100);
    }
  }

  /**
   * The first try is awaited; when Temporal does not take it (overloaded, restarting) the caller
   * hears the apology now and the call-off is tried again behind it, a few seconds apart.
   */
  async function callOff(tenantId: string, bookingId: string): Promise<void> {
    const reason = 'not settled while the caller waited';
    const once = () =>
      client.callOffBooking(tenantId, bookingId, reason).then(
        () => true,
        () => false,
      );
    if (await once()) return;
    void (async () => {
      for (let i = 0; i < CALL_OFF_RETRIES; i++) {
        await sleep(CALL_OFF_RETRY_MS);
        if (await once()) return;
      }
    })();
  }

  return {
    async findFreeSlots(tenant, range, serviceName, opts) {
      const service = resolveService(tenant, serviceName);
      if (!service) throw new UnknownServiceError(serviceName);
      const slots = await deps.calendars.for(tenant).findFreeSlots(tenant, {
        from: range.from,
        to: range.to,
        service: service.name,
      });
      return slots.slice(0, opts?.limit ?? 50);
    },

    async book(tenantId, req) {
      const tenant = await tenantOf(tenantId);
      const service = resolveService(tenant, req.service);
      if (!service) throw new UnknownServiceError(req.service);
      const contact = await upsertContactByPhone(db, tenantId, req.contactPhone);
      if (req.name) await updateContactDetails(db, tenantId, contact.id, { name: req.name });
      const endsAt = new Date(req.startsAt.getTime() + service.durationMinutes * 60_000);
      const { bookingId } = await client.startBooking({
        tenantId,
        bookingId: randomUUID(),
        startsAt: req.startsAt,
        endsAt,
        service: service.name,
        contactPhone: req.contactPhone,
        contactName: req.name || undefined,
        origin: 'conversation',
        // The workflow's texts (deposit link, confirmation, reminders) in the caller's language.
        ...(req.language ? { language: req.language } : {}),
      });
      // Temporal unanswering for the whole wait counts as not settled: the attempt is called off
      // below either way, never left to confirm after the caller heard it failed.
      let unanswered = '';
      const s = await client.waitForOutcome(tenantId, bookingId, deps.waitMs).catch((err) => {
        unanswered = `status unknown: ${reasonOf(err)}`;
        return null;
      });
      if (s?.phase === 'slot_taken') throw new SlotTakenError();
      if (s?.phase === 'confirmed' || s?.phase === 'awaiting_payment')
        return resultOf(tenant, bookingId, s);
      // The caller is about to hear that it could not be booked: a booking confirmed later behind
      // their back would hold a time they may book elsewhere, so the attempt is called off.
      if (!s || !['expired', 'cancelled', 'cancelling'].includes(s.phase))
        await callOff(tenantId, bookingId);
      throw new BookingNotSettledError(bookingId, s?.phase ?? (unanswered || 'not started'));
    },

    lookupByPhone: (tenantId, phone) => listUpcomingBookingsByPhone(db, tenantId, phone, now()),

    async cancel(tenantId, bookingId) {
      const signalled = await client.cancelBooking(tenantId, bookingId, 'caller asked', 'caller');
      // No workflow follows this booking: saying "cancelled" would be untrue, so the caller is
      // offered a person instead.
      if (!signalled) throw new BookingNotSettledError(bookingId, 'no workflow');
      const s = await until(tenantId, bookingId, (x) => x.phase === 'cancelled');
      if (s?.phase !== 'cancelled') throw new BookingNotSettledError(bookingId, s?.phase ?? '');
      const b = await recordOf(tenantId, bookingId);
      const summary: BookingSummary = {
        bookingId,
        service: b.service,
        status: b.status,
        startsAt: b.startsAt,
        endsAt: b.endsAt,
      };
      return summary;
    },

    async reschedule(tenantId, bookingId, startsAt) {
      const tenant = await tenantOf(tenantId);
      const before = await client.getBookingStatus(tenantId, bookingId);
      if (!before) throw new Error('no live booking to move');
      const b = await recordOf(tenantId, bookingId);
      const minutes = resolveService(tenant, b.service)?.durationMinutes;
      const newEnd = new Date(
        startsAt.getTime() +
          (minutes ? minutes * 60_000 : b.endsAt.getTime() - b.startsAt.getTime()),
      );
      const target = startsAt.toISOString();
      await client.rescheduleBooking(tenantId, bookingId, startsAt, { newEnd, source: 'caller' });
      // A refusal shows as lastError; one left over from an earlier refusal cannot be told from a
      // new one, so then only the wait decides.
      const s = await until(
        tenantId,
        bookingId,
        (x) => x.startsAt === target || (!before.lastError && !!x.lastError),
      );
      if (s?.startsAt === target) return resultOf(tenant, bookingId, s);
      if (s?.lastError) throw new SlotTakenError();
      throw new BookingNotSettledError(bookingId, s?.phase ?? '');
    },

    async createDepositLink(tenantId, bookingId) {
      const s = await client.getBookingStatus(tenantId, bookingId);
      return s?.checkoutUrl ? { url: s.checkoutUrl } : null;
    },

    async joinWaitlist(tenantId, req) {
      // No workflow until a slot frees: then waitlistOfferWorkflow reads this row.
      const { entry, created } = await addWaitlistEntry(db, tenantId, req);
      return { entryId: entry.id, created };
    },
  };
}
