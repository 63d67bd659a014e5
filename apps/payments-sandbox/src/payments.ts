/**
 * The sandbox's rules, independent of HTTP: a Checkout session is open until it is paid on the
 * page (complete, with a payment intent and a charge) or expired (by the API, by the page's
 * cancel, or when its expires_at passes); a paid payment intent can be refunded up to what was
 * paid. Each change that Stripe announces by webhook is announced here too, through `emit`.
 */
import {
  noSuch,
  sessionObject,
  chargeObject,
  stripeId,
  StripeApiError,
  type EventRecord,
  type LineItem,
  type Metadata,
  type RefundRecord,
  type SessionRecord,
} from './stripe-objects.ts';
import type { SandboxStore } from './sandbox-store.ts';

export interface NewSession {
  successUrl: string;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  customerEmail: string | null;
  currency: string;
  lineItems: LineItem[];
  metadata: Metadata;
  paymentIntentMetadata: Metadata;
  paymentIntentDescription: string | null;
  /** Unix seconds; Stripe's default is 24 hours after creation. */
  expiresAt?: number;
}

export interface NewRefund {
  paymentIntentId: string;
  amount?: number;
  metadata: Metadata;
  reason: string | null;
}

/** Who asked: API calls carry a request id and maybe an idempotency key; page actions do not. */
export interface RequestContext {
  apiVersion?: string;
  requestId: string | null;
  idempotencyKey: string | null;
}

const PAGE_ACTION: RequestContext = { requestId: null, idempotencyKey: null };
const MIN_EXPIRY_S = 30 * 60;
const MAX_EXPIRY_S = 24 * 3600;

export type Payments = ReturnType<typeof createPayments>;

export function createPayments(deps: {
  store: SandboxStore;
  now: () => number;
  pageUrl: (sessionId: string) => string;
  defaultApiVersion: string;
  emit: (event: EventRecord) => void;
}) {
  const { store } = deps;
  const seconds = () => Math.floor(deps.now() / 1000);
  const json = (s: SessionRecord) => sessionObject(s, deps.pageUrl(s.id));

  function emit(
    type: string,
    object: Record<string, unknown>,
    apiVersion: string,
    ctx: RequestContext,
  ) {
    const event: EventRecord = {
      id: stripeId('evt'),
      type,
      created: seconds(),
      apiVersion,
      object,
      request: { id: ctx.requestId, idempotency_key: ctx.idempotencyKey },
      pendingWebhooks: 1,
    };
    store.events.set(event.id, event);
    deps.emit(event);
  }

  function expire(s: SessionRecord, ctx: RequestContext) {
    s.status = 'expired';
    emit('checkout.session.expired', json(s), s.apiVersion, ctx);
    store.save();
  }

  /** The session, expired first when its time is up (the sweeper may not have run yet). */
  function sessionOf(id: string): SessionRecord {
    const s = store.sessions.get(id);
    if (!s) throw noSuch('checkout.session', id, 'session');
    if (s.status === 'open' && seconds() >= s.expiresAt) expire(s, PAGE_ACTION);
    return s;
  }

  return {
    json,
    get: sessionOf,

    create(p: NewSession, ctx: RequestContext): SessionRecord {
      const created = seconds();
      const expiresAt = p.expiresAt ?? created + MAX_EXPIRY_S;
      if (expiresAt < created + MIN_EXPIRY_S || expiresAt > created + MAX_EXPIRY_S)
        throw new StripeApiError(
          400,
          'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
          { param: 'expires_at' },
        );
      const s: SessionRecord = {
        id: stripeId('cs_test', 58),
        created,
        expiresAt,
        status: 'open',
        paymentStatus: 'unpaid',
        currency: p.currency,
        amountTotal: p.lineItems.reduce((sum, li) => sum + li.unitAmount * li.quantity, 0),
        lineItems: p.lineItems,
        successUrl: p.successUrl,
        cancelUrl: p.cancelUrl,
        clientReferenceId: p.clientReferenceId,
        customerEmail: p.customerEmail,
        metadata: p.metadata,
        paymentIntentMetadata: p.paymentIntentMetadata,
        paymentIntentDescription: p.paymentIntentDescription,
        paymentIntentId: null,
        apiVersion: ctx.apiVersion ?? deps.defaultApiVersion,
      };
      store.sessions.set(s.id, s);
      store.save();
      return s;
    },

    /** POST /v1/checkout/sessions/:id/expire: only an open session can be expired. */
    expire(id: string, ctx: RequestContext): SessionRecord {
      const s = sessionOf(id);
      if (s.status !== 'open')
        throw new StripeApiError(
          400,
          `Only Checkout Sessions with a status in ["open"] can be expired. This session has status "${s.status}".`,
          { param: 'session' },
        );
      expire(s, ctx);
      return s;
    },

    /** The page's Pay button. Paying a paid session again changes nothing and announces nothing. */
    pay(id: string): SessionRecord {
      const s = sessionOf(id);
      if (s.status === 'complete') return s;
      if (s.status !== 'open')
        throw new StripeApiError(409, 'This Checkout Session is no longer active.');
      const pi = {
        id: stripeId('pi'),
        created: seconds(),
        amount: s.amountTotal,
        currency: s.currency,
        metadata: s.paymentIntentMetadata,
        description: s.paymentIntentDescription,
        chargeId: stripeId('ch'),
        amountRefunded: 0,
        sessionId: s.id,
      };
      store.paymentIntents.set(pi.id, pi);
      s.status = 'complete';
      s.paymentStatus = 'paid';
      s.paymentIntentId = pi.id;
      emit('checkout.session.completed', json(s), s.apiVersion, PAGE_ACTION);
      store.save();
      return s;
    },

    /** The page's Cancel: the caller gave up, so the session is expired at once. */
    cancel(id: string): SessionRecord {
      const s = sessionOf(id);
      if (s.status === 'open') expire(s, PAGE_ACTION);
      return s;
    },

    refund(p: NewRefund, ctx: RequestContext): RefundRecord {
      const pi = store.paymentIntents.get(p.paymentIntentId);
      if (!pi) throw noSuch('payment_intent', p.paymentIntentId, 'payment_intent');
      const left = pi.amount - pi.amountRefunded;
      if (left <= 0)
        throw new StripeApiError(400, `Charge ${pi.chargeId} has already been refunded.`, {
          code: 'charge_already_refunded',
        });
      const amount = p.amount ?? left;
      if (amount > left)
        throw new StripeApiError(
          400,
          `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
          { code: 'amount_too_large', param: 'amount' },
        );
      const r: RefundRecord = {
        id: stripeId('re'),
        created: seconds(),
        amount,
        currency: pi.currency,
        paymentIntentId: pi.id,
        chargeId: pi.chargeId,
        metadata: p.metadata,
        reason: p.reason,
      };
      store.refunds.set(r.id, r);
      pi.amountRefunded += amount;
      const session = store.sessions.get(pi.sessionId);
      emit('charge.refunded', chargeObject(pi), session?.apiVersion ?? deps.defaultApiVersion, ctx);
      store.save();
      return r;
    },

    /** Expires every open session whose expires_at has passed; the sandbox runs it on a timer. */
    expireDue(): number {
      let n = 0;
      for (const s of store.sessions.values())
        if (s.status === 'open' && seconds() >= s.expiresAt) {
          expire(s, PAGE_ACTION);
          n++;
        }
      return n;
    },
  };
}
