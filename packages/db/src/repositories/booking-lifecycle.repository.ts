import { activeBookingStatuses, type Booking, type Tenant } from '@receptionist/domain';
import { withCalendarLock, type Queryable } from '../pool.ts';
import {
  assertClearOfBuffers,
  BOOKING_COLUMNS,
  mapBooking,
  SlotTakenError,
  type BookingBuffers,
} from './bookings.repository.ts';
import { mapTenant, TENANT_COLUMNS } from './tenants.repository.ts';

/** The booking plus the columns the booking workflow needs beyond the v1 model. */
export interface BookingRecord extends Booking {
  holdReference: string | null;
  attendeePhone: string | null;
  attendeeName: string | null;
}

const COLUMNS = `${BOOKING_COLUMNS}, hold_reference, attendee_phone, attendee_name`;

function map(r: Record<string, unknown>): BookingRecord {
  return {
    ...mapBooking(r),
    holdReference: (r.hold_reference as string | null) ?? null,
    attendeePhone: (r.attendee_phone as string | null) ?? null,
    attendeeName: (r.attendee_name as string | null) ?? null,
  };
}

export async function getBookingRecord(
  db: Queryable,
  tenantId: string,
  bookingId: string,
): Promise<BookingRecord | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM bookings WHERE tenant_id = $1 AND id = $2`,
    [tenantId, bookingId],
  );
  return rows[0] ? map(rows[0]) : null;
}

export async function findBookingByExternalId(
  db: Queryable,
  tenantId: string,
  provider: Booking['provider'],
  externalId: string,
): Promise<BookingRecord | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM bookings WHERE tenant_id = $1 AND provider = $2 AND external_id = $3`,
    [tenantId, provider, externalId],
  );
  return rows[0] ? map(rows[0]) : null;
}

export async function setBookingAttendee(
  db: Queryable,
  tenantId: string,
  bookingId: string,
  a: { phone: string | null; name: string | null },
): Promise<void> {
  await db.query(
    `UPDATE bookings SET attendee_phone = $3, attendee_name = $4, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, bookingId, a.phone, a.name],
  );
}

export async function setBookingHoldReference(
  db: Queryable,
  tenantId: string,
  bookingId: string,
  holdReference: string | null,
): Promise<void> {
  await db.query(
    `UPDATE bookings SET hold_reference = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
    [tenantId, bookingId, holdReference],
  );
}

/** Confirms a live booking (recording the provider's id); a cancelled one stays cancelled. */
export async function confirmBookingRecord(
  db: Queryable,
  tenantId: string,
  bookingId: string,
  externalId: string | null,
): Promise<BookingRecord | null> {
  const { rows } = await db.query(
    `UPDATE bookings SET status = 'confirmed', external_id = COALESCE($3, external_id), hold_expires_at = NULL,
        hold_reference = NULL, updated_at = now()
      WHERE tenant_id = $1 AND id = $2 AND status = ANY($4::text[])
      RETURNING ${COLUMNS}`,
    [tenantId, bookingId, externalId, activeBookingStatuses],
  );
  return rows[0] ? map(rows[0]) : null;
}

/** Moves a booking; the exclusion constraint decides whether the new time is free. */
export async function moveBookingRecord(
  db: Queryable,
  tenantId: string,
  bookingId: string,
  move: { startsAt: Date; endsAt: Date; externalId?: string | null; buffers?: BookingBuffers },
): Promise<BookingRecord | null> {
  try {
    const { rows } = await withCalendarLock(db, tenantId, async (q) => {
      await assertClearOfBuffers(
        q,
        tenantId,
        { startsAt: move.startsAt, endsAt: move.endsAt, exceptId: bookingId },
        move.buffers,
      );
      return q.query(
        `UPDATE bookings SET starts_at = $3, ends_at = $4, external_id = COALESCE($5, external_id), updated_at = now()
          WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [tenantId, bookingId, move.startsAt, move.endsAt, move.externalId ?? null],
      );
    });
    return rows[0] ? map(rows[0]) : null;
  } catch (err) {
    if ((err as { code?: string }).code === '23P01') throw new SlotTakenError();
    throw err;
  }
}

/**
 * Cal.com posts webhooks without naming our tenant: the event type the booking was made on does.
 * Like the phone-number lookup, this is a deliberate cross-tenant read that yields one tenant.
 */
export async function findTenantByCalcomEventType(
  db: Queryable,
  eventTypeId: number | string,
): Promise<Tenant | null> {
  const { rows } = await db.query(
    `SELECT ${TENANT_COLUMNS} FROM tenants
      WHERE calendar_provider = 'calcom' AND calendar_settings->>'eventTypeId' = $1 LIMIT 2`,
    [String(eventTypeId)],
  );
  return rows.length === 1 ? mapTenant(rows[0]) : null;
}

export async function updateTenantBookingSettings(
  db: Queryable,
  tenantId: string,
  s: {
    calendarProvider?: Tenant['calendarProvider'];
    calendarSettings?: Record<string, unknown>;
    depositRequired?: boolean;
    depositAmountMinor?: number;
    holdTimeoutMinutes?: number;
    refundFullUntilHours?: number;
    closedDates?: string[];
    settings?: Record<string, unknown>;
  },
): Promise<Tenant | null> {
  const { rows } = await db.query(
    `UPDATE tenants SET
        calendar_provider = COALESCE($2, calendar_provider),
        calendar_settings = COALESCE($3::jsonb, calendar_settings),
        deposit_required = COALESCE($4, deposit_required),
        deposit_amount_minor = COALESCE($5, deposit_amount_minor),
        hold_timeout_minutes = COALESCE($6, hold_timeout_minutes),
        refund_full_until_hours = COALESCE($7, refund_full_until_hours),
        closed_dates = COALESCE($8::date[], closed_dates),
        settings = settings || COALESCE($9::jsonb, '{}'::jsonb),
        updated_at = now()
      WHERE id = $1 RETURNING ${TENANT_COLUMNS}`,
    [
      tenantId,
      s.calendarProvider ?? null,
      s.calendarSettings ? JSON.stringify(s.calendarSettings) : null,
      s.depositRequired ?? null,
      s.depositAmountMinor ?? null,
      s.holdTimeoutMinutes ?? null,
      s.refundFullUntilHours ?? null,
      s.closedDates ?? null,
      s.settings ? JSON.stringify(s.settings) : null,
    ],
  );
  return rows[0] ? mapTenant(rows[0]) : null;
}

/**
 * Stripe events carry our ids in metadata; when they do not (a charge event), the payment intent
 * is how the payment is found. A deliberate cross-tenant lookup that yields the owning tenant.
 */
export async function findPaymentOwnerByIntent(
  db: Queryable,
  paymentIntentId: string,
): Promise<{ tenantId: string; bookingId: string } | null> {
  const { rows } = await db.query(
    `SELECT tenant_id, booking_id FROM payments WHERE payment_intent_id = $1 LIMIT 1`,
    [paymentIntentId],
  );
  return rows[0]
    ? { tenantId: rows[0].tenant_id as string, bookingId: rows[0].booking_id as string }
    : null;
}

/** The processing status of a recorded provider event (a failed one is processed again). */
export async function getWebhookEventStatus(
  db: Queryable,
  provider: 'stripe' | 'calcom' | 'twilio',
  eventId: string,
): Promise<string | null> {
  const { rows } = await db.query(
    `SELECT status FROM webhook_events WHERE provider = $1 AND event_id = $2`,
    [provider, eventId],
  );
  return (rows[0]?.status as string | undefined) ?? null;
}
