// The booking workflows on a real Temporal worker (the worker's test harness: stripe-mock, the
// Cal.com stand-in, a database of its own) behind the real backend's webhook routes on an HTTP
// port, with Stripe events signed exactly as Stripe signs them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { Registry } from 'prom-client';
import { loadBackendConfig } from '@receptionist/config';
import { getPaymentForBooking, type Db } from '@receptionist/db';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createStripeGateway } from '@receptionist/integrations/stripe';
import { createLogger, createMetrics } from '@receptionist/observability';
import { startHarness, waitForPhase, type Harness } from '@receptionist/worker/test-harness';
import { createApp } from '@receptionist/backend/app';
import { startedForSuite } from '@receptionist/testing/suite';

const WEBHOOK_SECRET = 'whsec_attack_suite';
const signer = new Stripe('sk_test_123');

export interface StripeWebhookStack {
  h: Harness;
  baseUrl: string;
  /** Signs and posts one event; resolves with the status and body. */
  deliver(payload: string): Promise<{ status: number; body: Record<string, unknown> }>;
  event(id: string, type: string, object: Record<string, unknown>): string;
  /** A booking of a deposit-taking business, waiting for its payment. */
  depositBooking(opts?: { startsInMs?: number; refundFullUntilHours?: number }): Promise<{
    tenantId: string;
    bookingId: string;
    /** The Checkout Session we opened, as Stripe would send it (override any field). */
    session(o?: Record<string, unknown>): Record<string, unknown>;
  }>;
  close(): Promise<void>;
}

/** The file's stack: started before its tests, closed after them. */
export const useStripeWebhookStack = (name: string): StripeWebhookStack =>
  startedForSuite(
    () => startStripeWebhookStack(name),
    (s) => s.close(),
    { timeoutMs: 60_000 },
  );

export async function startStripeWebhookStack(name: string): Promise<StripeWebhookStack> {
  const h = await startHarness(name);
  await h.startWorker();
  const logger = createLogger({ service: 'backend', level: 'silent' });
  const app = createApp({
    config: loadBackendConfig({
      DATABASE_URL: h.db.url,
      REDIS_URL: process.env.REDIS_URL!,
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
      PUBLIC_BASE_URL: 'https://voice.example.test',
    }),
    logger,
    metrics: createMetrics('backend'),
    db: h.db.pool as unknown as Db,
    redis: undefined as never,
    temporalHealth: async () => undefined,
    webhooks: {
      bookings: h.bookings,
      stripe: createStripeGateway({
        secretKey: 'sk_test_123',
        apiBaseUrl: h.stripeMock.url,
        webhookSecret: WEBHOOK_SECRET,
        breakers: createBreakerFactory({ registry: new Registry(), logger }),
      }),
    },
  });
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    h,
    baseUrl,
    event: (id, type, object) =>
      JSON.stringify({
        id,
        object: 'event',
        type,
        api_version: '2025-01-01',
        created: 1,
        data: { object },
      }),
    async deliver(payload) {
      const res = await fetch(`${baseUrl}/webhooks/stripe`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': signer.webhooks.generateTestHeaderString({
            payload,
            secret: WEBHOOK_SECRET,
          }),
        },
        body: payload,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    },
    async depositBooking(opts = {}) {
      const tenant = await h.makeTenant({
        depositRequired: true,
        depositAmountMinor: 3000,
        ...(opts.refundFullUntilHours !== undefined
          ? { refundFullUntilHours: opts.refundFullUntilHours }
          : {}),
      });
      const { bookingId } = await h.bookings.startBooking({
        tenantId: tenant.id,
        startsAt: new Date(Date.now() + (opts.startsInMs ?? 48 * 3600_000)),
        contactPhone: h.phone(),
      });
      await waitForPhase(h, tenant.id, bookingId, ['awaiting_payment']);
      const payment = (await getPaymentForBooking(h.db.pool, tenant.id, bookingId))!;
      return {
        tenantId: tenant.id,
        bookingId,
        session: (o = {}) => ({
          id: payment.checkoutSessionId,
          object: 'checkout.session',
          amount_total: payment.amountMinor,
          currency: payment.currency.toLowerCase(),
          payment_status: 'paid',
          payment_intent: `pi_${bookingId.slice(0, 8)}`,
          metadata: { tenantId: tenant.id, bookingId },
          ...o,
        }),
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await h.close();
    },
  };
}
