/**
 * Deposits through Stripe Checkout, refunds, and webhook verification.
 *
 *   import { createStripeGateway } from '@receptionist/integrations/stripe';
 *   const stripe = createStripeGateway({ secretKey, apiBaseUrl, webhookSecret, breakers });
 *
 * Every mutating call carries an idempotency key derived from the booking, so a retried
 * activity gets Stripe's stored answer instead of a second session or a second refund.
 * `apiBaseUrl` points the real SDK at another host (stripe-mock in tests).
 */
import Stripe from 'stripe';
import type { BreakerFactory } from '../breaker.ts';

export type StripeEvent = Stripe.Event;

export interface CheckoutRequest {
  tenantId: string;
  bookingId: string;
  amountMinor: number;
  currency: string;
  description: string;
  successUrl: string;
  cancelUrl: string;
  idempotencyKey: string;
}

export interface CheckoutSession {
  id: string;
  url: string;
  paymentIntentId: string | null;
}

export interface CheckoutExpiry {
  paid: boolean;
  /** Completed, the money not yet arrived (a delayed payment method). */
  processing: boolean;
  paymentIntentId: string | null;
  /** What Stripe says the session charges, to check against the booking. */
  amountMinor: number | null;
  currency: string | null;
}

/** Checkout's payment_status values that mean the money is ours. */
export const PAID_CHECKOUT_STATUSES: readonly string[] = ['paid', 'no_payment_required'];

export interface RefundRequest {
  paymentIntentId: string;
  amountMinor: number;
  idempotencyKey: string;
  metadata: Record<string, string>;
}

/** Stripe could not be reached; `userMessage` is what a caller should be told. */
export class PaymentsUnavailableError extends Error {
  readonly userMessage = "I can't set up the payment right now; we'll text you the link shortly.";
  constructor(cause: Error) {
    super(`stripe unavailable: ${cause.message}`, { cause });
    this.name = 'PaymentsUnavailableError';
  }
}

export interface StripeGateway {
  createCheckoutSession(req: CheckoutRequest): Promise<CheckoutSession>;
  /**
   * Ends an open session so a late payment is impossible; tells whether it was paid already.
   * A session completed with a delayed method (bank debit) is not paid: it is `processing` until
   * Stripe sends checkout.session.async_payment_succeeded or _failed.
   */
  expireCheckoutSession(sessionId: string, idempotencyKey: string): Promise<CheckoutExpiry>;
  refund(req: RefundRequest): Promise<{ id: string; status: string; amountMinor: number }>;
  /** Verifies `Stripe-Signature` over the raw body (with the library's tolerance) and parses it. */
  verifyWebhook(rawBody: Buffer | string, signature: string | undefined): StripeEvent;
}

export function stripeClientOptions(apiBaseUrl?: string): Stripe.StripeConfig {
  const base: Stripe.StripeConfig = { maxNetworkRetries: 0, timeout: 10_000, telemetry: false };
  if (!apiBaseUrl) return base;
  const u = new URL(apiBaseUrl);
  return {
    ...base,
    host: u.hostname,
    port: u.port || (u.protocol === 'https:' ? 443 : 80),
    protocol: u.protocol === 'http:' ? 'http' : 'https',
  };
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

export function createStripeGateway(deps: {
  secretKey: string;
  apiBaseUrl?: string;
  webhookSecret?: string;
  /** Seconds a signed webhook stays valid; the library's default (300) unless set. */
  webhookToleranceSeconds?: number;
  breakers: BreakerFactory;
  timeoutMs?: number;
}): StripeGateway {
  const stripe = new Stripe(deps.secretKey, stripeClientOptions(deps.apiBaseUrl));
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const unavailable = (err: Error): never => {
    // Stripe's own 4xx answers (invalid request, card errors) are facts, not an outage.
    if (
      (err as { type?: string }).type?.startsWith('Stripe') &&
      (err as { statusCode?: number }).statusCode
    )
      throw err;
    throw new PaymentsUnavailableError(err);
  };

  const checkout = deps.breakers.create(
    'stripe-checkout',
    async (req: CheckoutRequest): Promise<CheckoutSession> => {
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          success_url: req.successUrl,
          cancel_url: req.cancelUrl,
          client_reference_id: req.bookingId,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: req.currency.toLowerCase(),
                unit_amount: req.amountMinor,
                product_data: { name: req.description },
              },
            },
          ],
          // How the webhook finds the booking's workflow, on the session and on the payment.
          metadata: { tenantId: req.tenantId, bookingId: req.bookingId },
          payment_intent_data: { metadata: { tenantId: req.tenantId, bookingId: req.bookingId } },
        },
        { idempotencyKey: req.idempotencyKey },
      );
      if (!session.url) throw new Error('checkout session has no url');
      const pi = session.payment_intent;
      return {
        id: session.id,
        url: session.url,
        paymentIntentId: typeof pi === 'string' ? pi : (pi?.id ?? null),
      };
    },
    { timeoutMs, fallback: unavailable },
  );

  const expire = deps.breakers.create(
    'stripe-checkout-expire',
    async (sessionId: string, idempotencyKey: string): Promise<CheckoutExpiry> => {
      const current = await stripe.checkout.sessions.retrieve(sessionId);
      const pi = current.payment_intent;
      const facts = {
        paymentIntentId: typeof pi === 'string' ? pi : (pi?.id ?? null),
        amountMinor: current.amount_total ?? null,
        currency: current.currency ? current.currency.toUpperCase() : null,
      };
      if (current.status === 'complete') {
        // Complete is not paid: a delayed method completes the session before the money moves.
        const paid = PAID_CHECKOUT_STATUSES.includes(current.payment_status);
        return { ...facts, paid, processing: !paid };
      }
      if (current.status === 'open')
        await stripe.checkout.sessions.expire(sessionId, {}, { idempotencyKey });
      return { ...facts, paid: false, processing: false };
    },
    { timeoutMs, fallback: unavailable },
  );

  const refund = deps.breakers.create(
    'stripe-refund',
    async (req: RefundRequest) => {
      const r = await stripe.refunds.create(
        { payment_intent: req.paymentIntentId, amount: req.amountMinor, metadata: req.metadata },
        { idempotencyKey: req.idempotencyKey },
      );
      return { id: r.id, status: r.status ?? 'pending', amountMinor: r.amount };
    },
    { timeoutMs, fallback: unavailable },
  );

  return {
    createCheckoutSession: (req) => checkout.fire(req),
    expireCheckoutSession: (sessionId, key) => expire.fire(sessionId, key),
    refund: (req) => refund.fire(req),
    verifyWebhook(rawBody, signature) {
      if (!deps.webhookSecret) throw new WebhookSignatureError('no webhook secret configured');
      if (!signature) throw new WebhookSignatureError('missing Stripe-Signature header');
      try {
        return stripe.webhooks.constructEvent(
          rawBody,
          signature,
          deps.webhookSecret,
          deps.webhookToleranceSeconds,
        );
      } catch (err) {
        throw new WebhookSignatureError((err as Error).message);
      }
    },
  };
}
