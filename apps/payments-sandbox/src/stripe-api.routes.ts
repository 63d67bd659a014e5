/**
 * /v1: the part of Stripe's HTTP API our code calls (packages/integrations/src/stripe), spoken the
 * way the stripe SDK expects it: Bearer test-mode key, form-encoded parameters, JSON answers with a
 * Request-Id header, Stripe's error bodies, and Idempotency-Key replays of the first answer.
 *
 *   POST /v1/checkout/sessions              create (mode=payment with price_data line items)
 *   GET  /v1/checkout/sessions/:id          retrieve
 *   POST /v1/checkout/sessions/:id/expire   expire an open session
 *   POST /v1/refunds                        refund a paid payment intent, in full or in part
 *   GET  /v1/events, /v1/events/:id         what was announced, and whether it was delivered
 */
import express, { type ErrorRequestHandler, type Request, type Router } from 'express';
import type { Payments, RequestContext } from './payments.ts';
import type { SandboxStore } from './sandbox-store.ts';
import { eventObject, noSuch, refundObject, stripeId, StripeApiError } from './stripe-objects.ts';
import {
  createRefundParams,
  createSessionParams,
  expireSessionParams,
  listEventsParams,
  parseParams,
} from './stripe-params.ts';

const API_VERSION = /^[0-9]{4}-[0-9]{2}-[0-9]{2}(\.[a-z]{1,32})?$/;

type Answer = { status?: number; body: unknown };
type Handler = (req: Request, ctx: RequestContext) => Answer;

function apiKeyOf(req: Request): string {
  const auth = req.header('authorization') ?? '';
  if (auth.startsWith('Bearer ')) return auth.slice(7).trim();
  if (auth.startsWith('Basic '))
    return Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0] ?? '';
  return '';
}

export function createStripeApiRouter(deps: {
  payments: Payments;
  store: SandboxStore;
  now: () => number;
}): Router {
  const { payments, store } = deps;
  const router = express.Router();

  router.use((req, res, next) => {
    res.setHeader('request-id', stripeId('req', 14));
    const key = apiKeyOf(req);
    if (!key)
      throw new StripeApiError(
        401,
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      );
    // Never a live key: the sandbox takes no money and must not look as if it could.
    if (!key.startsWith('sk_test_') && !key.startsWith('rk_test_'))
      throw new StripeApiError(
        401,
        'Invalid API Key provided: the payments sandbox accepts test-mode keys (sk_test_...) only.',
      );
    next();
  });
  router.use(express.urlencoded({ extended: true, limit: '64kb', parameterLimit: 500 }));

  /** Runs a handler; a POST with an Idempotency-Key gets the stored first answer on a replay. */
  const answer =
    (handler: Handler): express.RequestHandler =>
    (req, res) => {
      const version = req.header('stripe-version');
      const key = req.method === 'POST' ? req.header('idempotency-key') : undefined;
      if (key !== undefined && (key.length < 1 || key.length > 255))
        throw new StripeApiError(400, 'Idempotency-Key must be 1 to 255 characters.', {
          type: 'idempotency_error',
        });
      const fingerprint = `${req.method} ${req.path} ${JSON.stringify(req.body ?? {})}`;
      if (key) {
        res.setHeader('idempotency-key', key);
        const prior = store.idempotentAnswers.get(key);
        if (prior && prior.fingerprint !== fingerprint)
          throw new StripeApiError(
            400,
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            { type: 'idempotency_error' },
          );
        if (prior) {
          res.setHeader('idempotent-replayed', 'true');
          res.status(prior.status).json(prior.body);
          return;
        }
      }
      const ctx: RequestContext = {
        apiVersion: version && API_VERSION.test(version) ? version : undefined,
        requestId: String(res.getHeader('request-id')),
        idempotencyKey: key ?? null,
      };
      let result: Required<Answer>;
      try {
        const r = handler(req, ctx);
        result = { status: r.status ?? 200, body: r.body };
      } catch (err) {
        if (!(err instanceof StripeApiError)) throw err;
        result = { status: err.status, body: err.body() };
      }
      // Stripe stores every answer but a server error, refusals included, for the key.
      if (key && result.status < 500) {
        store.idempotentAnswers.set(key, { key, fingerprint, ...result, storedAt: deps.now() });
        store.save();
      }
      res.status(result.status).json(result.body);
    };

  router.post(
    '/checkout/sessions',
    answer((req, ctx) => {
      const p = parseParams(createSessionParams, req.body);
      const currencies = new Set(p.line_items.map((li) => li.price_data.currency));
      if (currencies.size > 1)
        throw new StripeApiError(400, 'All line items must use the same currency.', {
          param: 'line_items',
        });
      const s = payments.create(
        {
          successUrl: p.success_url,
          cancelUrl: p.cancel_url ?? null,
          clientReferenceId: p.client_reference_id ?? null,
          customerEmail: p.customer_email ?? null,
          currency: [...currencies][0]!,
          lineItems: p.line_items.map((li) => ({
            name: li.price_data.product_data.name,
            unitAmount: li.price_data.unit_amount,
            quantity: li.quantity,
          })),
          metadata: p.metadata ?? {},
          paymentIntentMetadata: p.payment_intent_data?.metadata ?? {},
          paymentIntentDescription: p.payment_intent_data?.description ?? null,
          expiresAt: p.expires_at,
        },
        ctx,
      );
      return { body: payments.json(s) };
    }),
  );
  router.get(
    '/checkout/sessions/:id',
    answer((req) => ({ body: payments.json(payments.get(String(req.params.id))) })),
  );
  router.post(
    '/checkout/sessions/:id/expire',
    answer((req, ctx) => {
      parseParams(expireSessionParams, req.body);
      return { body: payments.json(payments.expire(String(req.params.id), ctx)) };
    }),
  );
  router.post(
    '/refunds',
    answer((req, ctx) => {
      const p = parseParams(createRefundParams, req.body);
      let paymentIntentId = p.payment_intent;
      if (!paymentIntentId && p.charge) {
        const pi = [...store.paymentIntents.values()].find((x) => x.chargeId === p.charge);
        if (!pi) throw noSuch('charge', p.charge, 'charge');
        paymentIntentId = pi.id;
      }
      if (!paymentIntentId)
        throw new StripeApiError(
          400,
          'One of the following params should be provided for this request: payment_intent or charge.',
        );
      const r = payments.refund(
        { paymentIntentId, amount: p.amount, metadata: p.metadata ?? {}, reason: p.reason ?? null },
        ctx,
      );
      return { body: refundObject(r) };
    }),
  );
  router.get(
    '/events',
    answer((req) => {
      const p = parseParams(listEventsParams, req.query);
      const limit = p.limit ?? 10;
      const all = [...store.events.values()].filter((e) => !p.type || e.type === p.type).reverse();
      return {
        body: {
          object: 'list',
          data: all.slice(0, limit).map(eventObject),
          has_more: all.length > limit,
          url: '/v1/events',
        },
      };
    }),
  );
  router.get(
    '/events/:id',
    answer((req) => {
      const e = store.events.get(String(req.params.id));
      if (!e) throw noSuch('event', String(req.params.id), 'id');
      return { body: eventObject(e) };
    }),
  );

  router.use((req) => {
    throw new StripeApiError(
      404,
      `Unrecognized request URL (${req.method}: ${req.baseUrl}${req.path}). The payments sandbox serves only the calls this product makes.`,
    );
  });
  const stripeErrors: ErrorRequestHandler = (err, _req, res, next) => {
    if (err instanceof StripeApiError) return void res.status(err.status).json(err.body());
    // A body the form parser refused (too large, malformed) is the client's error, as at Stripe.
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500)
      return void res
        .status(status)
        .json(new StripeApiError(status, (err as Error).message).body());
    next(err);
  };
  router.use(stripeErrors);
  return router;
}
