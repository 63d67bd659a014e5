import {
  addWaitlistEntry,
  listUpcomingBookingsByPhone,
  insertBooking,
  setBookingStatus,
  updateContactDetails,
  upsertContactByPhone,
  withTransaction,
  type Db,
  type Queryable,
} from '@receptionist/db';
import { createTenantProfileCache, type TenantProfiles } from '@receptionist/db/tenant-profiles';
import { depositDue, isActiveBooking, type Booking, type Tenant } from '@receptionist/domain';
import { createBuiltinCalendar, type CalendarProvider } from '@receptionist/integrations/calendar';
import {
  resolveService,
  UnknownServiceError,
  type BookingGateway,
  type BookingSummary,
  type BookResult,
} from '../src/booking/booking.gateway.ts';

function summary(b: Booking): BookingSummary {
  return {
    bookingId: b.id,
    service: b.service,
    status: b.status,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
  };
}

/**
 * A test double of the booking gateway for the agent's own tests and benchmark: bookings go
 * straight into Postgres (confirmed at insert, no payment link) instead of through the booking
 * workflow, which production always uses (`workflow-booking.gateway.ts`). Free slots come from the
 * shared calendar provider, so the offers are the ones production makes.
 */
export function createBuiltinBookingGateway(deps: {
  db: Db;
  /** The tenant profile cache production reads through; else Postgres. */
  tenants?: Pick<TenantProfiles, 'get'>;
  /** Our own calendar on the same database unless given. */
  calendar?: Pick<CalendarProvider, 'findFreeSlots'>;
  now?: () => Date;
}): BookingGateway {
  const now = deps.now ?? (() => new Date());
  const calendar = deps.calendar ?? createBuiltinCalendar({ db: deps.db, now: deps.now });

  const tenants = deps.tenants ?? createTenantProfileCache({ db: deps.db });

  async function tenantOf(tenantId: string): Promise<Tenant> {
    const t = await tenants.get(tenantId);
    if (!t) throw new Error('unknown tenant');
    return t;
  }

  function result(tenant: Tenant, b: Booking): BookResult {
    // No payment provider issues links yet: a deposit-requiring booking waits as pending_payment
    // and the business collects the deposit; a booking without deposit is confirmed at once.
    return {
      ...summary(b),
      depositAmountMinor: b.depositAmountMinor,
      currency: tenant.currency,
    };
  }

  async function insertFor(
    db: Queryable,
    tenant: Tenant,
    contactId: string,
    serviceName: string,
    startsAt: Date,
  ): Promise<Booking> {
    const service = resolveService(tenant, serviceName);
    if (!service) throw new UnknownServiceError(serviceName);
    const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
    const deposit = depositDue(tenant);
    return insertBooking(db, tenant.id, {
      contactId,
      service: service.name,
      status: deposit ? 'pending_payment' : 'confirmed',
      startsAt,
      endsAt,
      provider: 'builtin',
      holdExpiresAt: deposit
        ? new Date(now().getTime() + tenant.holdTimeoutMinutes * 60_000)
        : null,
      depositAmountMinor: deposit ? tenant.depositAmountMinor : 0,
      currency: tenant.currency,
    });
  }

  async function getOwned(db: Queryable, tenantId: string, bookingId: string) {
    const { rows } = await db.query(
      `SELECT id, contact_id, service, status FROM bookings WHERE tenant_id = $1 AND id = $2`,
      [tenantId, bookingId],
    );
    return rows[0] as
      { id: string; contact_id: string; service: string; status: string } | undefined;
  }

  return {
    async findFreeSlots(tenant, range, serviceName, opts) {
      const service = resolveService(tenant, serviceName);
      if (!service) throw new UnknownServiceError(serviceName);
      const slots = await calendar.findFreeSlots(tenant, {
        from: range.from,
        to: range.to,
        service: service.name,
      });
      return slots.slice(0, opts?.limit ?? 50);
    },

    async book(tenantId, req) {
      const tenant = await tenantOf(tenantId);
      const contact = await upsertContactByPhone(deps.db, tenantId, req.contactPhone);
      if (req.name) await updateContactDetails(deps.db, tenantId, contact.id, { name: req.name });
      const booking = await insertFor(deps.db, tenant, contact.id, req.service, req.startsAt);
      return result(tenant, booking);
    },

    lookupByPhone: (tenantId, phone) =>
      listUpcomingBookingsByPhone(deps.db, tenantId, phone, now()),

    async cancel(tenantId, bookingId) {
      const b = await setBookingStatus(deps.db, tenantId, bookingId, 'cancelled');
      return b ? summary(b) : null;
    },

    async createDepositLink() {
      // The built-in calendar has no payment provider: the business collects deposits itself.
      return null;
    },

    async joinWaitlist(tenantId, req) {
      const { entry, created } = await addWaitlistEntry(deps.db, tenantId, req);
      return { entryId: entry.id, created };
    },

    async reschedule(tenantId, bookingId, startsAt) {
      return withTransaction(deps.db, async (tx) => {
        const tenant = await tenantOf(tenantId);
        const old = await getOwned(tx, tenantId, bookingId);
        if (!old || !isActiveBooking(old.status)) throw new Error('no live booking to move');
        // Free the old slot first so a move within the same hour does not collide with itself.
        await setBookingStatus(tx, tenantId, bookingId, 'cancelled');
        const moved = await insertFor(tx, tenant, old.contact_id, old.service, startsAt);
        return result(tenant, moved);
      });
    },
  };
}
