import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { stripeClientOptions } from '@receptionist/integrations/stripe';
import { createLogger } from '@receptionist/observability';
import { waitFor } from '@receptionist/testing';
import { formatAmount, payButtonLabel, signatureHeader, startPaymentsSandbox } from './sandbox.ts';
import { escapeHtml } from './checkout-page.html.ts';

const SECRET = 'whsec_unit';
const signer = new Stripe('sk_test_x');

describe('signatureHeader', () => {
  it('is the header Stripe itself computes for the payload, secret and time', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event' }, null, 2);
    const t = 1_760_000_000;
    expect(signatureHeader(payload, SECRET, t)).toBe(
      signer.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: t }),
    );
  });
});

describe('the Checkout page text', () => {
  it('formats amounts from minor units and the currency', () => {
    expect(payButtonLabel({ amountTotal: 2500, currency: 'usd' })).toBe('Pay $25 deposit (test)');
    expect(formatAmount(2550, 'usd')).toBe('$25.50');
    expect(formatAmount(3000, 'eur')).toBe('€30');
    expect(formatAmount(2500, 'jpy')).toBe('¥2,500');
  });
  it('escapes what it shows', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
});

describe('expiry by time', () => {
  let clock = Date.now();
  const received: Stripe.Event[] = [];
  const endpoint = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      received.push(
        signer.webhooks.constructEvent(raw, String(req.headers['stripe-signature']), SECRET, 1e9),
      );
      res.end('{}');
    });
  });
  let sb: Awaited<ReturnType<typeof startPaymentsSandbox>>;
  let stripe: Stripe;

  beforeAll(async () => {
    await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
    sb = await startPaymentsSandbox({
      webhookUrl: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/`,
      webhookSecret: SECRET,
      logger: createLogger({ service: 'test', level: 'silent' }),
      now: () => clock,
      sweepIntervalMs: 0,
    });
    stripe = new Stripe('sk_test_x', stripeClientOptions(sb.url));
  });
  afterAll(async () => {
    await sb?.close();
    endpoint.closeAllConnections();
    await new Promise((r) => endpoint.close(r));
  });

  const create = (expiresAt?: number) =>
    stripe.checkout.sessions.create({
      mode: 'payment',
      success_url: 'http://localhost:3000/ok?session={CHECKOUT_SESSION_ID}',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'usd',
            unit_amount: 2500,
            product_data: { name: '<b>Deposit</b>' },
          },
        },
      ],
      ...(expiresAt ? { expires_at: expiresAt } : {}),
    });

  it('expires an open session once expires_at has passed, and announces it', async () => {
    const now = Math.floor(clock / 1000);
    const session = await create(now + 3600);
    expect(session.expires_at).toBe(now + 3600);
    expect(sb.sandbox.payments.expireDue()).toBe(0);
    clock += 3600_000;
    expect(sb.sandbox.payments.expireDue()).toBe(1);
    await sb.sandbox.idle();
    await waitFor(async () => received.some((e) => e.type === 'checkout.session.expired'));
    expect(received.at(-1)).toMatchObject({
      type: 'checkout.session.expired',
      data: { object: { id: session.id, status: 'expired', url: null } },
    });
  });

  it('holds expires_at to Stripe’s 30 minutes to 24 hours', async () => {
    const now = Math.floor(clock / 1000);
    await expect(create(now + 60)).rejects.toMatchObject({ statusCode: 400, param: 'expires_at' });
    await expect(create(now + 25 * 3600)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('shows names escaped and fills the session id into the success URL', async () => {
    const session = await create();
    const html = await (await fetch(session.url!)).text();
    expect(html).toContain('&lt;b&gt;Deposit&lt;/b&gt;');
    expect(html).not.toContain('<b>Deposit</b>');
    await fetch(session.url!, { method: 'POST', body: new URLSearchParams({ action: 'pay' }) });
    const receipt = await (await fetch(session.url!)).text();
    expect(receipt).toContain(`href="http://localhost:3000/ok?session=${session.id}"`);
    const index = await (await fetch(`${sb.url}/`)).text();
    expect(index).toContain(`/c/pay/${session.id}`);
  });
});
