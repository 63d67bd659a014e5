import {
  activeBookingStatuses,
  statusesAllowingMoveTo,
  type Booking,
  type BookingStatus,
} from '@receptionist/domain';
import { withCalendarLock, type Queryable } from '../pool.ts';
import { keysetTail, toPage, type Page, type PageRequest } from './pagination.ts';

export class SlotTakenError extends Error {
  constructor() {
    super('the slot overlaps another booking');
    this.name = 'SlotTakenError';
  }
}

export const BOOKING_COLUMNS = `id, tenant_id, contact_id, resource, service, status, starts_at, ends_at, provider, external_id,
  workflow_id, hold_expires_at, deposit_amount_minor, currency, notes, cancelled_at, created_at, updated_at`;

export function mapBooking(r: Record<string, unknown>): Booking {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    contactId: (r.contact_id as string | null) ?? null,
    resource: r.resource as string,
    service: r.service as string,
    status: r.status as BookingStatus,
    startsAt: r.starts_at as Date,
    endsAt: r.ends_at as Date,
    provider: r.provider as Booking['provider'],
    externalId: (r.external_id as string | null) ?? null,
    workflowId: (r.workflow_id as string | null) ?? null,
    holdExpiresAt: (r.hold_expires_at as Date | null) ?? null,
    depositAmountMinor: r.deposit_amount_minor as number,
    currency: (r.currency as string).trim(),
    notes: r.notes as string,
    cancelledAt: (r.cancelled_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

export interface NewBooking {
  id?: string;
  contactId?: string | null;
  resource?: string;
  service?: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  provider?: Booking['provider'];
  externalId?: string | null;
  workflowId?: string | null;
  holdExpiresAt?: Date | null;
  depositAmountMinor?: number;
  currency?: string;
  notes?: string;
  /** The tenant's buffers on its own calendar; Cal.com keeps its own and passes none. */
  buffers?: BookingBuffers;
}

/** Minutes kept free before and after every appointment; both neighbours' buffers count. */
export interface BookingBuffers {
  beforeMinutes: number;
  afterMinutes: number;
}

/**
 * The exclusion constraint refuses direct overlaps; buffers are a tenant setting it cannot know,
 * so they are checked here, inside the calendar lock every write of the tenant's calendar takes:
 * no other booking can land between this check and the caller's write.
 */
export async function assertClearOfBuffers(
  q: Queryable,
  tenantId: string,
  slot: { startsAt: Date; endsAt: Date; resource?: string; exceptId?: string | null },
  buffers: BookingBuffers | undefined,
): Promise<void> {
  // A slot and a neighbour collide when their gap is shorter than one's "before" plus the
  // other's "after": padding the slot by both on each side finds every such neighbour.
  const pad = (buffers?.beforeMinutes ?? 0) + (buffers?.afterMinutes ?? 0);
  if (pad <= 0) return;
  const { rowCount } = await q.query(
    `SELECT 1 FROM bookings
      WHERE tenant_id = $1 AND status = ANY($7::text[])
        AND resource = COALESCE($2, (SELECT resource FROM bookings WHERE tenant_id = $1 AND id = $5), 'default')
        AND ($5::uuid IS NULL OR id <> $5::uuid)
        AND time_range && tstzrange($3::timestamptz - make_interval(mins => $6),
                                    $4::timestamptz + make_interval(mins => $6), '[)')
      LIMIT 1`,
    [
      tenantId,
      slot.resource ?? null,
      slot.startsAt,
      slot.endsAt,
      slot.exceptId ?? null,
      pad,
      activeBookingStatuses,
    ],
  );
  if (rowCount) throw new SlotTakenError();
}

/** Inserts a booking; an overlap with a live booking on the same resource raises SlotTakenError. */
export async function insertBooking(
  db: Queryable,
  tenantId: string,
  b: NewBooking,
): Promise<Booking> {
  try {
    const { rows } = await withCalendarLock(db, tenantId, async (q) => {
      await assertClearOfBuffers(
        q,
        tenantId,
        { startsAt: b.startsAt, endsAt: b.endsAt, resource: b.resource ?? 'default' },
        b.buffers,
      );
      return q.query(
        `INSERT INTO bookings (id, tenant_id, contact_id, resource, service, status, starts_at, ends_at, provider,
          external_id, workflow_id, hold_expires_at, deposit_amount_minor, currency, notes)
       VALUES (COALESCE($1, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       RETURNING ${BOOKING_COLUMNS}`,
        [
          b.id ?? null,
          tenantId,
          b.contactId ?? null,
          b.resource ?? 'default',
          b.service ?? '',
          b.status,
          b.startsAt,
          b.endsAt,
          b.provider ?? 'builtin',
          b.externalId ?? null,
          b.workflowId ?? null,
          b.holdExpiresAt ?? null,
          b.depositAmountMinor ?? 0,
          b.currency ?? 'USD',
          b.notes ?? '',
        ],
      );
    });
    return mapBooking(rows[0]);
  } catch (err) {
    if ((err as { code?: string }).code === '23P01') throw new SlotTakenError();
    throw err;
  }
}

export async function getBooking(
  db: Queryable,
  tenantId: string,
  bookingId: string,
): Promise<Booking | null> {
  const { rows } = await db.query(
    `SELECT ${BOOKING_COLUMNS} FROM bookings WHERE tenant_id = $1 AND id = $2`,
    [tenantId, bookingId],
  );
  return rows[0] ? mapBooking(rows[0]) : null;
}

export async function setBookingStatus(
  db: Queryable,
  tenantId: string,
  bookingId: string,
  status: BookingStatus,
): Promise<Booking | null> {
  // Only a move the domain allows is written (a completed visit is never cancelled afterwards);
  // otherwise the booking comes back as it stands, so the caller sees the status that won.
  const { rows } = await db.query(
    `UPDATE bookings SET status = $3, updated_at = now(),
        cancelled_at = CASE WHEN $3 = 'cancelled' THEN COALESCE(cancelled_at, now()) ELSE cancelled_at END
      WHERE tenant_id = $1 AND id = $2 AND status = ANY($4::text[]) RETURNING ${BOOKING_COLUMNS}`,
    [tenantId, bookingId, status, statusesAllowingMoveTo(status)],
  );
  if (rows[0]) return mapBooking(rows[0]);
  return getBooking(db, tenantId, bookingId);
}

export async function listBookings(
  db: Queryable,
  tenantId: string,
  page: PageRequest,
): Promise<Page<Booking>> {
  const tail = keysetTail(page, [tenantId]);
  const { rows } = await db.query(
    `SELECT ${BOOKING_COLUMNS} FROM bookings WHERE tenant_id = $1${tail.sql}`,
    tail.params,
  );
  return toPage(rows.map(mapBooking), page.limit);
}

/** Live bookings overlapping a window, for the built-in calendar's free-slot search. */
export async function listBusyIntervals(
  db: Queryable,
  tenantId: string,
  from: Date,
  to: Date,
  resource = 'default',
): Promise<{ startsAt: Date; endsAt: Date }[]> {
  const { rows } = await db.query(
    `SELECT starts_at, ends_at FROM bookings
      WHERE tenant_id = $1 AND resource = $2 AND status = ANY($5::text[])
        AND time_range && tstzrange($3, $4, '[)')
      ORDER BY starts_at`,
    [tenantId, resource, from, to, activeBookingStatuses],
  );
  return rows.map((r) => ({ startsAt: r.starts_at as Date, endsAt: r.ends_at as Date }));
}

/** A caller's bookings still to come and still live, soonest first: what "my appointment" means. */
export async function listUpcomingBookingsByPhone(
  db: Queryable,
  tenantId: string,
  phone: string,
  now: Date,
  limit = 5,
): Promise<
  { bookingId: string; service: string; status: BookingStatus; startsAt: Date; endsAt: Date }[]
> {
  const { rows } = await db.query(
    `SELECT b.id, b.service, b.status, b.starts_at, b.ends_at FROM bookings b
       JOIN contacts c ON c.id = b.contact_id AND c.tenant_id = b.tenant_id
      WHERE b.tenant_id = $1 AND c.phone = $2
        AND b.status = ANY($5::text[]) AND b.ends_at > $3
      ORDER BY b.starts_at LIMIT $4`,
    [tenantId, phone, now, limit, activeBookingStatuses],
  );
  return rows.map((r) => ({
    bookingId: r.id as string,
    service: r.service as string,
    status: r.status as BookingStatus,
    startsAt: r.starts_at as Date,
    endsAt: r.ends_at as Date,
  }));
}
