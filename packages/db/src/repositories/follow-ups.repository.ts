import type { Queryable } from '../pool.ts';

/** What a follow-up text needs to know of a contact: where, in what language and time zone. */
export interface FollowUpContact {
  id: string;
  phone: string;
  language: string | null;
  /** IANA zone of the contact; null: the business's. */
  timezone: string | null;
  optedOut: boolean;
}

export async function getFollowUpContact(
  db: Queryable,
  tenantId: string,
  contactId: string,
): Promise<FollowUpContact | null> {
  const { rows } = await db.query(
    `SELECT id, phone, language, timezone, opted_out FROM contacts WHERE tenant_id = $1 AND id = $2`,
    [tenantId, contactId],
  );
  const r = rows[0];
  return r
    ? {
        id: r.id as string,
        phone: r.phone as string,
        language: (r.language as string | null) ?? null,
        timezone: (r.timezone as string | null) ?? null,
        optedOut: r.opted_out as boolean,
      }
    : null;
}

/**
 * Whether the contact has something a review request would be tone-deaf after: an escalation
 * still open, or any escalation raised since `since` (a complaint about this very visit).
 */
export async function contactHasComplaint(
  db: Queryable,
  tenantId: string,
  contactId: string,
  since: Date,
): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM escalations
      WHERE tenant_id = $1 AND contact_id = $2 AND (status = 'open' OR created_at >= $3)
      LIMIT 1`,
    [tenantId, contactId, since],
  );
  return rows.length > 0;
}

export async function getLastReviewRequest(
  db: Queryable,
  tenantId: string,
  contactId: string,
): Promise<{ bookingId: string; sentAt: Date } | null> {
  const { rows } = await db.query(
    `SELECT booking_id, sent_at FROM review_requests WHERE tenant_id = $1 AND contact_id = $2`,
    [tenantId, contactId],
  );
  return rows[0]
    ? { bookingId: rows[0].booking_id as string, sentAt: rows[0].sent_at as Date }
    : null;
}

/**
 * Claims the contact's review request for this booking: true when this booking may ask (no
 * request yet, the last one older than `repeatDays`, or it is this booking's own claim again,
 * a retried activity). One statement, so two bookings racing cannot both win.
 */
export async function claimReviewRequest(
  db: Queryable,
  tenantId: string,
  contactId: string,
  bookingId: string,
  repeatDays: number,
): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO review_requests (tenant_id, contact_id, booking_id) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, contact_id) DO UPDATE
        SET booking_id = EXCLUDED.booking_id, sent_at = now()
      WHERE review_requests.booking_id = EXCLUDED.booking_id
         OR review_requests.sent_at <= now() - make_interval(days => $4::int)
     RETURNING booking_id`,
    [tenantId, contactId, bookingId, repeatDays],
  );
  return rows.length > 0;
}
