// The contract: the sandbox process (src/main.ts, as scripts/dev.sh starts it) answers the real
// stripe SDK and our own gateway the way Stripe does, serves a Checkout page whose button pays,
// and sends webhooks that stripe.webhooks.constructEvent accepts with the endpoint's secret.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { Registry } from 'prom-client';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createStripeGateway, stripeClientOptions } from '@receptionist/integrations/stripe';
import { createLogger } from '@receptionist/observability';
import { freePort, waitFor } from '@receptionist/testing';
import { startSandboxProcess, stopSandboxProcess } from '../test/sandbox-process.ts';

const SECRET = 'whsec_contract_test';

interface Received {
  raw: string;
  signature: string;
  event: Stripe.Event;
}

/** The webhook endpoint: verifies every delivery as our backend does; fails on request. */
function startReceiver() {
  const received: Received[] = [];
  const failNext = new Set<string>();
  const verifier = new Stripe('sk_test_verifier');
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers['stripe-signature'] ?? '');
      const event = verifier.webhooks.constructEvent(raw, signature, SECRET);
      received.push({ raw, signature, event });
      const fail = failNext.has(event.type);
      failNext.delete(event.type);
      res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received: true }));
    });
  });
  return { server, received, failNext };
}

let receiver: ReturnType<typeof startReceiver>;
let receiverUrl: string;
let sandboxUrl: string;
let child: ChildProcess;
let stripe: Stripe;
let env: Record<string, string>;

const startSandbox = () => startSandboxProcess(env, sandboxUrl);
const stop = stopSandboxProcess;

beforeAll(async () => {
  receiver = startReceiver();
  await new Promise<void>((r) => receiver.server.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/webhooks/stripe`;
  const port = await freePort();
  sandboxUrl = `http://127.0.0.1:${port}`;
  env = {
    PATH: process.env.PATH ?? '',
    PAYMENTS_SANDBOX_PORT: String(port),
    PAYMENTS_SANDBOX_WEBHOOK_URL: receiverUrl,
    PAYMENTS_SANDBOX_WEBHOOK_RETRY_MS: '50',
    STRIPE_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'silent',
  };
  child = await startSandbox();
  stripe = new Stripe('sk_test_local_sandbox', stripeClientOptions(sandboxUrl));
});

afterAll(async () => {
  if (child) await stop(child);
  receiver?.server.closeAllConnections();
  await new Promise((r) => receiver?.server.close(r));
});

const gateway = () =>
  createStripeGateway({
    secretKey: 'sk_test_local_sandbox',
    apiBaseUrl: sandboxUrl,
    webhookSecret: SECRET,
    breakers: createBreakerFactory({
      registry: new Registry(),
      logger: createLogger({ service: 'test', level: 'silent' }),
    }),
  });

const ids = () => ({
  tenantId: randomUUID(),
  bookingId: randomUUID(),
});

/** The booking workflow's checkout for a $25 deposit, keyed by the booking as it keys it. */
const depositCheckout = (tenantId: string, bookingId: string) => ({
  tenantId,
  bookingId,
  amountMinor: 2500,
  currency: 'USD',
  description: 'Deposit — Bright Smile Dental, Cleaning and check-up',
  successUrl: `http://localhost:3000/bookings/${bookingId}/paid`,
  cancelUrl: `http://localhost:3000/bookings/${bookingId}/payment-cancelled`,
  idempotencyKey: `checkout-${bookingId}`,
});

async function checkout(g = gateway()) {
  const { tenantId, bookingId } = ids();
  const session = await g.createCheckoutSession(depositCheckout(tenantId, bookingId));
  return { g, tenantId, bookingId, session };
}

const eventsFor = async (type: string, sessionOrIntent: string) => {
  await waitFor(
    async () =>
      receiver.received.some(
        (r) =>
          r.event.type === type &&
          JSON.stringify(r.event.data.object).includes(`"${sessionOrIntent}"`),
      ),
    10_000,
    `${type} for ${sessionOrIntent}`,
  );
  return receiver.received.filter(
    (r) =>
      r.event.type === type && JSON.stringify(r.event.data.object).includes(`"${sessionOrIntent}"`),
  );
};

/** What the browser sends when the page's button is pressed: the form's fields, urlencoded. */
const press = (url: string, action: 'pay' | 'cancel') =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action }).toString(),
    redirect: 'manual',
  });

describe('payments sandbox with the real stripe SDK', () => {
  it('creates and retrieves a Stripe-shaped Checkout session, replaying an idempotency key', async () => {
    const { g, tenantId, bookingId, session } = await checkout();
    expect(session.id).toMatch(/^cs_test_[A-Za-z0-9]{58}$/);
    expect(session.url).toBe(`${sandboxUrl}/c/pay/${session.id}`);
    expect(session.paymentIntentId).toBeNull();

    const got = await stripe.checkout.sessions.retrieve(session.id);
    expect(got).toMatchObject({
      id: session.id,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 2500,
      currency: 'usd',
      client_reference_id: bookingId,
      metadata: { tenantId, bookingId },
      livemode: false,
      url: session.url,
      success_url: `http://localhost:3000/bookings/${bookingId}/paid`,
    });
    const now = Math.floor(Date.now() / 1000);
    expect(got.expires_at - got.created).toBe(24 * 3600);
    expect(Math.abs(got.created - now)).toBeLessThan(5);

    // A retried activity gets the stored answer, not a second session.
    const again = await g.createCheckoutSession(depositCheckout(tenantId, bookingId));
    expect(again.id).toBe(session.id);
    await expect(
      stripe.checkout.sessions.create(
        {
          mode: 'payment',
          success_url: 'http://localhost:3000/x',
          line_items: [
            {
              quantity: 1,
              price_data: { currency: 'usd', unit_amount: 1, product_data: { name: 'x' } },
            },
          ],
        },
        { idempotencyKey: `checkout-${bookingId}` },
      ),
    ).rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
  });

  it('answers bad requests with Stripe errors', async () => {
    await expect(stripe.checkout.sessions.retrieve('cs_test_nope')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
    });
    await expect(
      stripe.checkout.sessions.create({
        mode: 'payment',
        success_url: 'http://localhost:3000/x',
        line_items: [{ quantity: 1, price: 'price_123' }],
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      message: 'Received unknown parameter: line_items[0][price]',
    });
    const live = new Stripe('sk_live_nope', stripeClientOptions(sandboxUrl));
    await expect(live.checkout.sessions.retrieve('cs_test_x')).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
    });
    const res = await fetch(`${sandboxUrl}/v1/checkout/sessions/cs_test_x`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('serves a Checkout page whose button pays and sends a signed checkout.session.completed', async () => {
    const { g, tenantId, bookingId, session } = await checkout();
    const page = await fetch(session.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Bright Smile Dental');
    expect(html).toContain('Pay $25 deposit (test)');
    expect(html).toContain(`action="/c/pay/${session.id}"`);
    expect(html).toContain('>Cancel</button>');

    const paid = await press(session.url, 'pay');
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`/c/pay/${session.id}`);

    const [delivery, ...more] = await eventsFor('checkout.session.completed', session.id);
    expect(more).toHaveLength(0);
    expect(delivery!.signature).toMatch(/^t=[0-9]+,v1=[0-9a-f]{64}$/);
    expect(() =>
      new Stripe('sk_test_x').webhooks.constructEvent(
        delivery!.raw,
        delivery!.signature,
        'whsec_other',
      ),
    ).toThrow();
    // Our backend's own verification accepts it.
    expect(g.verifyWebhook(delivery!.raw, delivery!.signature).id).toBe(delivery!.event.id);
    const { event } = delivery!;
    expect(event.id).toMatch(/^evt_[A-Za-z0-9]{24}$/);
    expect(event.api_version).toBe(Stripe.API_VERSION);
    expect(event.livemode).toBe(false);
    const retrieved = await stripe.checkout.sessions.retrieve(session.id);
    expect(event.data.object).toEqual({ ...retrieved });
    expect(retrieved).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      client_reference_id: bookingId,
      metadata: { tenantId, bookingId },
      url: null,
    });
    expect(retrieved.payment_intent).toMatch(/^pi_/);

    // The receipt page, and a second press that charges and announces nothing more.
    expect(await (await fetch(session.url)).text()).toContain('$25 paid');
    expect((await press(session.url, 'pay')).status).toBe(303);
    const events = await stripe.events.list({ type: 'checkout.session.completed', limit: 100 });
    expect(events.data.filter((e) => JSON.stringify(e).includes(session.id))).toHaveLength(1);

    // The worker's expire-after-timeout path learns it was paid; its refund goes through.
    expect(await g.expireCheckoutSession(session.id, `expire-${bookingId}`)).toEqual({
      paid: true,
      processing: false,
      paymentIntentId: retrieved.payment_intent,
      amountMinor: 2500,
      currency: 'USD',
    });
    const refund = await g.refund({
      paymentIntentId: String(retrieved.payment_intent),
      amountMinor: 1000,
      idempotencyKey: `refund-${bookingId}`,
      metadata: { tenantId, bookingId },
    });
    expect(refund).toMatchObject({ status: 'succeeded', amountMinor: 1000 });
    const [charge] = await eventsFor('charge.refunded', String(retrieved.payment_intent));
    expect(charge!.event.data.object).toMatchObject({ amount_refunded: 1000, amount: 2500 });
    await expect(
      g.refund({
        paymentIntentId: String(retrieved.payment_intent),
        amountMinor: 2000,
        idempotencyKey: `refund-2-${bookingId}`,
        metadata: {},
      }),
    ).rejects.toMatchObject({ code: 'amount_too_large' });
  });

  it('expires a session through the API or the page, sending checkout.session.expired', async () => {
    const { g, bookingId, session } = await checkout();
    expect(await g.expireCheckoutSession(session.id, `expire-${bookingId}`)).toEqual({
      paid: false,
      processing: false,
      paymentIntentId: null,
      amountMinor: 2500,
      currency: 'USD',
    });
    const [expired] = await eventsFor('checkout.session.expired', session.id);
    expect(expired!.event.data.object).toMatchObject({
      id: session.id,
      status: 'expired',
      payment_status: 'unpaid',
      client_reference_id: bookingId,
      url: null,
    });
    expect(expired!.event.request?.idempotency_key).toBe(`expire-${bookingId}`);
    expect(await (await fetch(session.url)).text()).toContain('no longer active');
    expect((await press(session.url, 'pay')).status).toBe(409);

    const other = await checkout();
    expect((await press(other.session.url, 'cancel')).status).toBe(303);
    await eventsFor('checkout.session.expired', other.session.id);
    expect((await stripe.checkout.sessions.retrieve(other.session.id)).status).toBe('expired');
  });

  it('retries a webhook the endpoint refused, signing each attempt', async () => {
    receiver.failNext.add('checkout.session.completed');
    const { session } = await checkout();
    await press(session.url, 'pay');
    const attemptsFor = () =>
      receiver.received.filter((r) => (r.event.data.object as { id?: string }).id === session.id);
    await waitFor(async () => attemptsFor().length >= 2, 10_000, 'the retried delivery');
    const attempts = attemptsFor();
    expect(new Set(attempts.map((a) => a.event.id)).size).toBe(1);
    // Delivered on the second attempt: Stripe's count of endpoints still owed it drops to 0.
    await waitFor(
      async () => (await stripe.events.retrieve(attempts[0]!.event.id)).pending_webhooks === 0,
    );
  });
});
