import {
  getBookingRecord,
  insertBooking,
  listBusyIntervals,
  moveBookingRecord,
  confirmBookingRecord,
  setBookingAttendee,
  setBookingStatus,
  SlotTakenError,
  type BookingRecord,
  type Db,
} from '@receptionist/db';
import {
  boundedStepMinutes,
  computeFreeSlots,
  isActiveBooking,
  isSlotOpen,
  type SlotRules,
  type Tenant,
} from '@receptionist/domain';
import {
  calendarSettingsOf,
  durationMinutesFor,
  SlotUnavailableError,
  type CalendarProvider,
  type HoldRequest,
} from './calendar-port.ts';

/** The tenant's buffers, which our own calendar's writes keep clear; Cal.com keeps its own. */
function buffersOf(tenant: Tenant) {
  const s = calendarSettingsOf(tenant);
  return { beforeMinutes: s.bufferBeforeMinutes ?? 0, afterMinutes: s.bufferAfterMinutes ?? 0 };
}

export function slotRulesFor(tenant: Tenant, service?: string): SlotRules {
  const s = calendarSettingsOf(tenant);
  return {
    timezone: tenant.timezone,
    businessHours: tenant.businessHours,
    closedDates: tenant.closedDates,
    slotMinutes: durationMinutesFor(tenant, service),
    // A 15-minute grid unless the tenant set one, whatever the appointment length.
    stepMinutes: boundedStepMinutes(s.stepMinutes),
    bufferBeforeMinutes: s.bufferBeforeMinutes,
    bufferAfterMinutes: s.bufferAfterMinutes,
    minNoticeMinutes: s.minNoticeMinutes,
  };
}

/** Our own calendar: opening hours and live bookings in Postgres. */
export function createBuiltinCalendar(deps: { db: Db; now?: () => Date }): CalendarProvider & {
  /** Inserts (or finds, on retry) the booking row; used by the Cal.com provider too. */
  holdRow(tenant: Tenant, req: HoldRequest, provider: 'builtin' | 'calcom'): Promise<BookingRecord>;
} {
  const now = deps.now ?? (() => new Date());

  async function mustGet(tenantId: string, bookingId: string): Promise<BookingRecord> {
    const b = await getBookingRecord(deps.db, tenantId, bookingId);
    if (!b) throw new Error(`booking ${bookingId} not found`);
    return b;
  }

  async function holdRow(
    tenant: Tenant,
    req: HoldRequest,
    provider: 'builtin' | 'calcom',
  ): Promise<BookingRecord> {
    const existing = await getBookingRecord(deps.db, tenant.id, req.bookingId);
    if (existing) {
      // A retry of a hold that already landed; a released hold is not revived.
      if (!isActiveBooking(existing.status)) throw new SlotTakenError();
      return existing;
    }
    const endsAt =
      req.endsAt ??
      new Date(req.startsAt.getTime() + durationMinutesFor(tenant, req.service) * 60_000);
    try {
      await insertBooking(deps.db, tenant.id, {
        id: req.bookingId,
        contactId: req.contactId ?? null,
        resource: req.resource,
        service: req.service,
        status: req.status,
        startsAt: req.startsAt,
        endsAt,
        provider,
        workflowId: req.workflowId,
        holdExpiresAt: req.holdExpiresAt,
        depositAmountMinor: req.depositAmountMinor,
        currency: req.currency ?? tenant.currency,
        ...(provider === 'builtin' ? { buffers: buffersOf(tenant) } : {}),
      });
    } catch (err) {
      // Two retries of the same hold racing: the primary key, not the slot, conflicted.
      if ((err as { code?: string }).code === '23505') return mustGet(tenant.id, req.bookingId);
      throw err;
    }
    await setBookingAttendee(deps.db, tenant.id, req.bookingId, {
      phone: req.attendee.phone ?? null,
      name: req.attendee.name ?? null,
    });
    return mustGet(tenant.id, req.bookingId);
  }

  return {
    kind: 'builtin',
    holdRow,

    async findFreeSlots(tenant, q) {
      const rules = slotRulesFor(tenant, q.service);
      const pad = ((rules.bufferBeforeMinutes ?? 0) + (rules.bufferAfterMinutes ?? 0)) * 60_000;
      const busy = await listBusyIntervals(
        deps.db,
        tenant.id,
        new Date(q.from.getTime() - pad),
        new Date(q.to.getTime() + pad),
      );
      return computeFreeSlots(rules, { from: q.from, to: q.to, busy, now: now() });
    },

    async hold(tenant, req) {
      const endsAt =
        req.endsAt ??
        new Date(req.startsAt.getTime() + durationMinutesFor(tenant, req.service) * 60_000);
      // Opening hours are checked here; overlaps and buffers under the calendar lock of the write.
      if (!isSlotOpen(slotRulesFor(tenant, req.service), { startsAt: req.startsAt, endsAt }, []))
        throw new SlotUnavailableError();
      return holdRow(tenant, { ...req, endsAt }, 'builtin');
    },

    async confirm(tenant, bookingId) {
      const b = await confirmBookingRecord(deps.db, tenant.id, bookingId, null);
      if (!b) throw new SlotTakenError();
      return b;
    },

    async release(tenant, bookingId) {
      const b = await getBookingRecord(deps.db, tenant.id, bookingId);
      if (!b || !isActiveBooking(b.status) || b.status === 'confirmed') return b;
      await setBookingStatus(deps.db, tenant.id, bookingId, 'cancelled');
      return getBookingRecord(deps.db, tenant.id, bookingId);
    },

    async cancel(tenant, bookingId) {
      const b = await mustGet(tenant.id, bookingId);
      if (b.status === 'cancelled') return b;
      await setBookingStatus(deps.db, tenant.id, bookingId, 'cancelled');
      return mustGet(tenant.id, bookingId);
    },

    async reschedule(tenant, bookingId, to) {
      const b = await mustGet(tenant.id, bookingId);
      const endsAt =
        to.endsAt ?? new Date(to.startsAt.getTime() + (b.endsAt.getTime() - b.startsAt.getTime()));
      if (b.startsAt.getTime() === to.startsAt.getTime() && b.endsAt.getTime() === endsAt.getTime())
        return b;
      if (
        !isSlotOpen(
          slotRulesFor(tenant, b.service || undefined),
          { startsAt: to.startsAt, endsAt },
          [],
        )
      )
        throw new SlotUnavailableError();
      const moved = await moveBookingRecord(deps.db, tenant.id, bookingId, {
        startsAt: to.startsAt,
        endsAt,
        externalId: to.externalId,
        buffers: buffersOf(tenant),
      });
      if (!moved) throw new Error(`booking ${bookingId} not found`);
      return moved;
    },
  };
}
