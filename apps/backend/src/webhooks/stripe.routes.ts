import express, { type Router } from 'express';
import { z } from 'zod';
import {
  findPaymentOwnerByIntent,
  getBookingRecord,
  getPaymentForBooking,
  recordPaymentOutcome,
  type Db,
} from '@receptionist/db';
import { PAID_CHECKOUT_STATUSES, type StripeGateway } from '@receptionist/integrations/stripe';
import { HttpError, type Logger } from '@receptionist/observability';
import type { BookingClient } from '@receptionist/booking-client';
import { intake, type Outcome } from './webhook-intake.ts';

export interface StripeWebhookDeps {
  db: Db;
  logger: Logger;
  /** null when STRIPE_WEBHOOK_SECRET/STRIPE_SECRET_KEY are not configured: the endpoint answers 503. */
  stripe: Pick<StripeGateway, 'verifyWebhook'> | null;
  bookings: Pick<BookingClient, 'paymentSucceeded' | 'paymentFailed'>;
}

const eventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
type StripeObject = Record<string, unknown>;

const idOf = (v: unknown): string | null =>
  typeof v === 'string'
    ? v
    : v && typeof v === 'object' && 'id' in v
      ? String((v as { id: unknown }).id)
      : null;

/** Our ids from the object's metadata, or through the payment intent for charge events. */
async function ownerOf(
  db: Db,
  o: StripeObject,
): Promise<{ tenantId: string; bookingId: string } | null> {
  const md = (o.metadata ?? {}) as Record<string, string>;
  if (
    md.tenantId &&
    md.bookingId &&
    z.uuid().safeParse(md.tenantId).success &&
    z.uuid().safeParse(md.bookingId).success
  )
    return { tenantId: md.tenantId, bookingId: md.bookingId };
  const pi = o.object === 'payment_intent' ? idOf(o.id) : idOf(o.payment_intent);
  return pi ? findPaymentOwnerByIntent(db, pi) : null;
}

/**
 * Whether a Checkout Session is the one we opened for this booking, for the deposit we asked:
 * a signed event proves it came from Stripe, not that it pays for this booking.
 */
async function sessionMismatch(
  db: Db,
  o: StripeObject,
  owner: { tenantId: string; bookingId: string },
): Promise<Record<string, unknown> | null> {
  const payment = await getPaymentForBooking(db, owner.tenantId, owner.bookingId);
  const got = {
    sessionId: typeof o.id === 'string' ? o.id : null,
    amountMinor: typeof o.amount_total === 'number' ? o.amount_total : null,
    currency: typeof o.currency === 'string' ? o.currency.toUpperCase() : null,
  };
  if (
    payment?.checkoutSessionId &&
    got.sessionId === payment.checkoutSessionId &&
    got.amountMinor === payment.amountMinor &&
    got.currency === payment.currency
  )
    return null;
  return {
    expected: payment
      ? {
          sessionId: payment.checkoutSessionId,
          amountMinor: payment.amountMinor,
          currency: payment.currency,
        }
      : null,
    got,
  };
}

type Handler = (
  o: StripeObject,
  owner: { tenantId: string; bookingId: string },
  eventId: string,
) => Promise<Outcome>;

export function createStripeWebhookRouter(deps: StripeWebhookDeps): Router {
  const router = express.Router();

  const paid: Handler = async (o, { tenantId, bookingId }, eventId) => {
    if (o.object !== 'checkout.session')
      return { status: 'ignored', note: 'not a checkout session', tenantId };
    // A session paid by a delayed method completes unpaid; its async_payment_succeeded follows.
    if (!PAID_CHECKOUT_STATUSES.includes(String(o.payment_status)))
      return { status: 'ignored', note: `payment_status ${String(o.payment_status)}`, tenantId };
    const mismatch = await sessionMismatch(deps.db, o, { tenantId, bookingId });
    if (mismatch) {
      deps.logger.warn(
        { tenantId, bookingId, eventId, ...mismatch },
        'checkout session does not match the booking; not confirmed',
      );
      return { status: 'ignored', note: 'session does not match the booking', tenantId };
    }
    const paymentIntentId = idOf(o.payment_intent);
    await recordPaymentOutcome(deps.db, tenantId, bookingId, {
      kind: 'succeeded',
      paymentIntentId,
    });
    const signalled = await deps.bookings.paymentSucceeded(tenantId, bookingId, {
      eventId,
      paymentIntentId,
    });
    return signalled
      ? { status: 'processed', tenantId }
      : { status: 'ignored', note: 'no running booking workflow', tenantId };
  };
  /** A declined card: the session stays open for another try. */
  const failed: Handler = async (_o, { tenantId, bookingId }, eventId) => {
    await recordPaymentOutcome(deps.db, tenantId, bookingId, { kind: 'failed' });
    const signalled = await deps.bookings.paymentFailed(tenantId, bookingId, { eventId });
    return { status: signalled ? 'processed' : 'ignored', tenantId };
  };
  /** A delayed payment that failed: the session is over, so the workflow releases the slot. */
  const asyncFailed: Handler = async (o, { tenantId, bookingId }, eventId) => {
    const mismatch = await sessionMismatch(deps.db, o, { tenantId, bookingId });
    if (mismatch) {
      deps.logger.warn(
        { tenantId, bookingId, eventId, ...mismatch },
        'checkout session does not match the booking; failure not applied',
      );
      return { status: 'ignored', note: 'session does not match the booking', tenantId };
    }
    await recordPaymentOutcome(deps.db, tenantId, bookingId, { kind: 'failed' });
    const signalled = await deps.bookings.paymentFailed(tenantId, bookingId, {
      eventId,
      final: true,
    });
    return { status: signalled ? 'processed' : 'ignored', tenantId };
  };
  const handlers: Record<string, Handler> = {
    'checkout.session.completed': paid,
    'checkout.session.async_payment_succeeded': paid,
    'checkout.session.async_payment_failed': asyncFailed,
    'payment_intent.payment_failed': failed,
    'checkout.session.expired': async (_o, { tenantId, bookingId }) => {
      await recordPaymentOutcome(deps.db, tenantId, bookingId, { kind: 'expired' });
      return { status: 'processed', tenantId };
    },
    'charge.refunded': async (o, { tenantId, bookingId }) => {
      await recordPaymentOutcome(deps.db, tenantId, bookingId, {
        kind: 'refunded',
        refundedMinor: Number(o.amount_refunded ?? 0),
        paymentIntentId: idOf(o.payment_intent),
      });
      return { status: 'processed', tenantId };
    },
  };

  router.post('/', express.raw({ type: '*/*', limit: '512kb' }), async (req, res) => {
    if (!deps.stripe)
      throw new HttpError(503, 'not_configured', 'Stripe webhooks are not configured');
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let verified: unknown;
    try {
      verified = deps.stripe.verifyWebhook(raw, req.header('stripe-signature') ?? undefined);
    } catch (err) {
      throw new HttpError(400, 'invalid_signature', (err as Error).message);
    }
    const event = eventSchema.parse(verified);
    const handler = handlers[event.type];
    const owner = handler ? await ownerOf(deps.db, event.data.object) : null;
    const result = await intake(
      deps,
      {
        provider: 'stripe',
        eventId: event.id,
        eventType: event.type,
        payload: event,
        tenantId: owner?.tenantId,
      },
      async () => {
        if (!handler) return { status: 'ignored', note: 'event type not handled' };
        // Unknown or foreign bookings are recorded and acknowledged, never an error to Stripe.
        if (!owner || !(await getBookingRecord(deps.db, owner.tenantId, owner.bookingId)))
          return { status: 'ignored', note: 'unknown booking' };
        return handler(event.data.object, owner, event.id);
      },
    );
    res.status(200).json({
      received: true,
      duplicate: result.duplicate,
      status: result.outcome?.status ?? null,
    });
  });
  return router;
}
