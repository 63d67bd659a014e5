import type { Queryable } from '../pool.ts';

export type PaymentStatus =
  'pending' | 'succeeded' | 'failed' | 'expired' | 'refunded' | 'partially_refunded';

export interface Payment {
  id: string;
  tenantId: string;
  bookingId: string;
  idempotencyKey: string;
  checkoutSessionId: string | null;
  paymentIntentId: string | null;
  checkoutUrl: string | null;
  amountMinor: number;
  currency: string;
  refundedMinor: number;
  status: PaymentStatus;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, tenant_id, booking_id, idempotency_key, checkout_session_id, payment_intent_id, checkout_url,
  amount_minor, currency, refunded_minor, status, created_at, updated_at`;

function map(r: Record<string, unknown>): Payment {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    bookingId: r.booking_id as string,
    idempotencyKey: r.idempotency_key as string,
    checkoutSessionId: (r.checkout_session_id as string | null) ?? null,
    paymentIntentId: (r.payment_intent_id as string | null) ?? null,
    checkoutUrl: (r.checkout_url as string | null) ?? null,
    amountMinor: r.amount_minor as number,
    currency: (r.currency as string).trim(),
    refundedMinor: r.refunded_minor as number,
    status: r.status as PaymentStatus,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

/** The booking's one payment row; concurrent and retried calls converge on it. */
export async function ensurePayment(
  db: Queryable,
  tenantId: string,
  p: { bookingId: string; idempotencyKey: string; amountMinor: number; currency: string },
): Promise<Payment> {
  const { rows } = await db.query(
    `INSERT INTO payments (tenant_id, booking_id, idempotency_key, amount_minor, currency)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, booking_id) DO UPDATE SET updated_at = payments.updated_at
     RETURNING ${COLUMNS}`,
    [tenantId, p.bookingId, p.idempotencyKey, p.amountMinor, p.currency],
  );
  return map(rows[0]);
}

export async function getPaymentForBooking(
  db: Queryable,
  tenantId: string,
  bookingId: string,
): Promise<Payment | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM payments WHERE tenant_id = $1 AND booking_id = $2`,
    [tenantId, bookingId],
  );
  return rows[0] ? map(rows[0]) : null;
}

export async function setPaymentCheckout(
  db: Queryable,
  tenantId: string,
  paymentId: string,
  checkout: { sessionId: string; url: string },
): Promise<void> {
  await db.query(
    `UPDATE payments SET checkout_session_id = $3, checkout_url = $4, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, paymentId, checkout.sessionId, checkout.url],
  );
}

/**
 * Applies what the provider told us. Terminal facts win over late arrivals: a payment that
 * succeeded is never marked failed or expired by an event delivered out of order.
 */
export async function recordPaymentOutcome(
  db: Queryable,
  tenantId: string,
  bookingId: string,
  outcome:
    | { kind: 'succeeded'; paymentIntentId: string | null }
    | { kind: 'failed' }
    | { kind: 'expired' }
    | { kind: 'refunded'; refundedMinor: number; paymentIntentId?: string | null },
): Promise<Payment | null> {
  const sql =
    outcome.kind === 'succeeded'
      ? `UPDATE payments SET status = CASE WHEN status IN ('refunded', 'partially_refunded') THEN status ELSE 'succeeded' END,
            payment_intent_id = COALESCE($3, payment_intent_id), updated_at = now()
          WHERE tenant_id = $1 AND booking_id = $2 RETURNING ${COLUMNS}`
      : outcome.kind === 'failed' || outcome.kind === 'expired'
        ? `UPDATE payments SET status = CASE WHEN status = 'pending' OR status = 'failed' THEN $3 ELSE status END,
              updated_at = now()
            WHERE tenant_id = $1 AND booking_id = $2 RETURNING ${COLUMNS}`
        : `UPDATE payments SET refunded_minor = GREATEST(refunded_minor, LEAST($3::int, amount_minor)),
              status = CASE WHEN GREATEST(refunded_minor, LEAST($3::int, amount_minor)) >= amount_minor THEN 'refunded'
                            WHEN GREATEST(refunded_minor, LEAST($3::int, amount_minor)) > 0 THEN 'partially_refunded'
                            ELSE status END,
              payment_intent_id = COALESCE($4, payment_intent_id), updated_at = now()
            WHERE tenant_id = $1 AND booking_id = $2 RETURNING ${COLUMNS}`;
  const params =
    outcome.kind === 'succeeded'
      ? [tenantId, bookingId, outcome.paymentIntentId]
      : outcome.kind === 'refunded'
        ? [tenantId, bookingId, outcome.refundedMinor, outcome.paymentIntentId ?? null]
        : [tenantId, bookingId, outcome.kind];
  const { rows } = await db.query(sql, params);
  return rows[0] ? map(rows[0]) : null;
}
