import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import Stripe from 'stripe';
import { createLogger } from '@receptionist/observability';
import { startStripeMock, type StripeMock } from '@receptionist/testing';
import { createBreakerFactory } from '../breaker.ts';
import {
  createStripeGateway,
  WebhookSignatureError,
  type StripeGateway,
} from './stripe-gateway.ts';

let mock: StripeMock;
let gateway: StripeGateway;
const secret = 'whsec_gateway_test';

beforeAll(async () => {
  mock = await startStripeMock();
  gateway = createStripeGateway({
    secretKey: 'sk_test_123',
    apiBaseUrl: mock.url,
    webhookSecret: secret,
    breakers: createBreakerFactory({
      registry: new Registry(),
      logger: createLogger({ service: 't', level: 'silent' }),
    }),
  });
}, 60_000);

afterAll(async () => {
  await mock?.close();
});

describe('Stripe gateway (real SDK against stripe-mock)', () => {
  it('creates a Checkout Session for the deposit and refunds a payment', async () => {
    const session = await gateway.createCheckoutSession({
      tenantId: 't1',
      bookingId: 'b1',
      amountMinor: 2500,
      currency: 'USD',
      description: 'Deposit',
      successUrl: 'https://book.example.test/ok',
      cancelUrl: 'https://book.example.test/cancel',
      idempotencyKey: 'checkout-b1',
    });
    expect(session.id).toMatch(/^cs_/);
    expect(session.url).toMatch(/^https:\/\//);
    const refund = await gateway.refund({
      paymentIntentId: 'pi_123',
      amountMinor: 2500,
      idempotencyKey: 'refund-b1',
      metadata: { bookingId: 'b1' },
    });
    expect(refund).toMatchObject({ amountMinor: 2500 });
    expect(refund.id).toMatch(/^re_/);
  });

  it('verifies webhook signatures with the library and its tolerance', () => {
    const payload = JSON.stringify({
      id: 'evt_1',
      object: 'event',
      type: 'ping',
      data: { object: {} },
    });
    const signer = new Stripe('sk_test_123').webhooks;
    expect(
      gateway.verifyWebhook(payload, signer.generateTestHeaderString({ payload, secret })).id,
    ).toBe('evt_1');
    const stale = signer.generateTestHeaderString({
      payload,
      secret,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(() => gateway.verifyWebhook(payload, stale)).toThrow(WebhookSignatureError);
    expect(() => gateway.verifyWebhook(payload, undefined)).toThrow(WebhookSignatureError);
    const wrong = signer.generateTestHeaderString({ payload, secret: 'whsec_other' });
    expect(() => gateway.verifyWebhook(payload, wrong)).toThrow(WebhookSignatureError);
  });
});
