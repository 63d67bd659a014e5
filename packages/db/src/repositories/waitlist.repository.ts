import { activeBookingStatuses } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';

export type WaitlistStatus = 'waiting' | 'offered' | 'booked' | 'removed';

export interface WaitlistEntry {
  id: string;
  tenantId: string;
  contactId: string | null;
  phone: string;
  name: string | null;
  service: string;
  /** The tenant's local date the caller wants (YYYY-MM-DD). */
  day: string;
  language: string | null;
  status: WaitlistStatus;
  offeredStartsAt: Date | null;
  offerExpiresAt: Date | null;
  offerWorkflowId: string | null;
  bookingId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, tenant_id, contact_id, phone, name, service, to_char(day, 'YYYY-MM-DD') AS day,
  language, status, offered_starts_at, offer_expires_at, offer_workflow_id, booking_id, created_at,
  updated_at`;

function mapEntry(r: Record<string, unknown>): WaitlistEntry {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    contactId: (r.contact_id as string | null) ?? null,
    phone: r.phone as string,
    name: (r.name as string | null) ?? null,
    service: r.service as string,
    day: r.day as string,
    language: (r.language as string | null) ?? null,
    status: r.status as WaitlistStatus,
    offeredStartsAt: (r.offered_starts_at as Date | null) ?? null,
    offerExpiresAt: (r.offer_expires_at as Date | null) ?? null,
    offerWorkflowId: (r.offer_workflow_id as string | null) ?? null,
    bookingId: (r.booking_id as string | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

/** Joins the waitlist; joining again for the same day and service keeps the first place. */
export async function addWaitlistEntry(
  db: Queryable,
  tenantId: string,
  e: {
    contactId: string | null;
    phone: string;
    name?: string | null;
    service?: string;
    day: string;
    language?: string | null;
  },
): Promise<{ entry: WaitlistEntry; created: boolean }> {
  const { rows } = await db.query(
    `INSERT INTO waitlist_entries (tenant_id, contact_id, phone, name, service, day, language)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, phone, day, service) WHERE status IN ('waiting', 'offered')
     DO NOTHING RETURNING ${COLUMNS}`,
    [tenantId, e.contactId, e.phone, e.name ?? null, e.service ?? '', e.day, e.language ?? null],
  );
  if (rows[0]) return { entry: mapEntry(rows[0]), created: true };
  const existing = await db.query(
    `SELECT ${COLUMNS} FROM waitlist_entries
      WHERE tenant_id = $1 AND phone = $2 AND day = $3 AND service = $4
        AND status IN ('waiting', 'offered')`,
    [tenantId, e.phone, e.day, e.service ?? ''],
  );
  return { entry: mapEntry(existing.rows[0]), created: false };
}

export async function getWaitlistEntry(
  db: Queryable,
  tenantId: string,
  entryId: string,
): Promise<WaitlistEntry | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM waitlist_entries WHERE tenant_id = $1 AND id = $2`,
    [tenantId, entryId],
  );
  return rows[0] ? mapEntry(rows[0]) : null;
}

export async function listWaitlist(
  db: Queryable,
  tenantId: string,
  filter: { day?: string; status?: WaitlistStatus },
  page: PageRequest,
): Promise<Page<WaitlistEntry>> {
  return listPage(
    db,
    { table: 'waitlist_entries', columns: COLUMNS, map: mapEntry },
    tenantId,
    page,
    {
      day: filter.day || undefined,
      status: filter.status || undefined,
    },
  );
}

/** Takes an entry off the waitlist (an offer under way lapses: YES to it is refused). */
export async function removeWaitlistEntry(
  db: Queryable,
  tenantId: string,
  entryId: string,
): Promise<WaitlistEntry | null> {
  const { rows } = await db.query(
    `UPDATE waitlist_entries SET status = 'removed', updated_at = now()
      WHERE tenant_id = $1 AND id = $2 AND status IN ('waiting', 'offered') RETURNING ${COLUMNS}`,
    [tenantId, entryId],
  );
  return rows[0] ? mapEntry(rows[0]) : null;
}

/**
 * Gives the first waiting entry of the slot's day (any service, or the slot's) the offer, in one
 * statement: concurrent offers of two freed slots skip each other's row and reach two callers.
 * A caller who already holds an offer is not given a second one. Idempotent per workflow: the
 * entry already offered by this workflow for this slot is returned again.
 */
export async function offerNextWaitlistEntry(
  db: Queryable,
  tenantId: string,
  o: {
    day: string;
    service: string;
    startsAt: Date;
    expiresAt: Date;
    workflowId: string;
    exclude: string[];
  },
): Promise<WaitlistEntry | null> {
  const again = await db.query(
    `SELECT ${COLUMNS} FROM waitlist_entries
      WHERE tenant_id = $1 AND offer_workflow_id = $2 AND status = 'offered'
        AND NOT (id = ANY($3::uuid[]))`,
    [tenantId, o.workflowId, o.exclude],
  );
  if (again.rows[0]) return mapEntry(again.rows[0]);
  const { rows } = await db.query(
    `UPDATE waitlist_entries w
        SET status = 'offered', offered_starts_at = $5, offer_expires_at = $6,
            offer_workflow_id = $7, updated_at = now()
      WHERE w.id = (
        SELECT c.id FROM waitlist_entries c
         WHERE c.tenant_id = $1 AND c.day = $2 AND c.status = 'waiting'
           AND (c.service = '' OR $3 = '' OR lower(c.service) = lower($3))
           AND NOT (c.id = ANY($4::uuid[]))
           AND NOT EXISTS (SELECT 1 FROM waitlist_entries x
                            WHERE x.tenant_id = c.tenant_id AND x.phone = c.phone
                              AND x.status = 'offered')
         ORDER BY c.created_at, c.id
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}`,
    [tenantId, o.day, o.service, o.exclude, o.startsAt, o.expiresAt, o.workflowId],
  );
  return rows[0] ? mapEntry(rows[0]) : null;
}

/**
 * Settles an offer: 'booked' with the booking's id when the caller said YES in time, else back
 * to 'waiting' (their place in the line kept). Only an entry still offered by this workflow
 * changes, so a late or repeated settle does nothing; returns whether it changed.
 */
export async function settleWaitlistOffer(
  db: Queryable,
  tenantId: string,
  entryId: string,
  workflowId: string,
  outcome: { booked: string } | 'lapsed',
): Promise<boolean> {
  const booked = outcome === 'lapsed' ? null : outcome.booked;
  const { rowCount } = await db.query(
    `UPDATE waitlist_entries
        SET status = CASE WHEN $4::uuid IS NULL THEN 'waiting' ELSE 'booked' END,
            booking_id = $4::uuid,
            offered_starts_at = CASE WHEN $4::uuid IS NULL THEN NULL ELSE offered_starts_at END,
            offer_expires_at = NULL,
            offer_workflow_id = CASE WHEN $4::uuid IS NULL THEN NULL ELSE offer_workflow_id END,
            updated_at = now()
      WHERE tenant_id = $1 AND id = $2 AND offer_workflow_id = $3 AND status = 'offered'`,
    [tenantId, entryId, workflowId, booked],
  );
  return (rowCount ?? 0) > 0;
}

/** The open offer of a caller (the SMS route routes their YES to its workflow). */
export async function findOpenWaitlistOffer(
  db: Queryable,
  tenantId: string,
  phone: string,
): Promise<WaitlistEntry | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM waitlist_entries
      WHERE tenant_id = $1 AND phone = $2 AND status = 'offered' ORDER BY updated_at DESC LIMIT 1`,
    [tenantId, phone],
  );
  return rows[0] ? mapEntry(rows[0]) : null;
}

/**
 * How a booking started from a waitlist YES fared: 'held' once its row holds the slot, 'gone'
 * when the slot was taken first (its workflow recorded the "slot taken" text), else 'pending'.
 */
export async function waitlistBookingState(
  db: Queryable,
  tenantId: string,
  bookingId: string,
): Promise<'held' | 'gone' | 'pending'> {
  const { rows } = await db.query(
    `SELECT
       EXISTS (SELECT 1 FROM bookings WHERE tenant_id = $1 AND id = $2
                 AND status = ANY($4::text[])) AS held,
       EXISTS (SELECT 1 FROM outbound_messages WHERE tenant_id = $1 AND idempotency_key = $3) AS gone`,
    [tenantId, bookingId, `booking:${bookingId}:slot_taken`, activeBookingStatuses],
  );
  return rows[0].held ? 'held' : rows[0].gone ? 'gone' : 'pending';
}
