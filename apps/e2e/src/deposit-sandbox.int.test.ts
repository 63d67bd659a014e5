// A deposit taken with no Stripe account, as scripts/dev.sh runs it: the worker creates the
// Checkout session in the payments sandbox through the real stripe SDK, the link is texted, the
// caller presses the page's button (the POST a browser sends for the form), the sandbox sends a
// signed checkout.session.completed to the real backend, and the booking is confirmed and texted.
// On Temporal's time-skipping test server: the 15-minute hold of an unpaid deposit passes while
// the test awaits the booking's result.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { loadBackendConfig } from '@receptionist/config';
import {
  createTenant,
  getBookingRecord,
  getPaymentForBooking,
  listOutboundMessages,
  updateTenantBookingSettings,
} from '@receptionist/db';
import type { Tenant } from '@receptionist/domain';
import { createBookingClient, type BookingClient } from '@receptionist/booking-client';
import { bookingWorkflowId, type BookingStatusView } from '@receptionist/booking-client/messages';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createStripeGateway } from '@receptionist/integrations/stripe';
import { createLogger, createMetrics } from '@receptionist/observability';
import { startPaymentsSandbox } from '@receptionist/payments-sandbox';
import {
  createTestDatabase,
  createTestRedis,
  waitFor,
  type TestDatabase,
  type TestRedis,
} from '@receptionist/testing';
import { createActivities } from '@receptionist/worker/activities';
import { createBookingIntegrations } from '@receptionist/worker/integrations';
import { ALL_DAY, noonZone, kinds } from '@receptionist/worker/test-harness';
import { timeSkippingEnv } from '@receptionist/worker/test-time-skipping';
import { WORKFLOWS_PATH } from '@receptionist/worker/worker-options';
import { createApp } from '@receptionist/backend/app';

// The placeholders scripts/dev.sh hands the backend, the worker and the sandbox.
const SECRET_KEY = 'sk_test_local_sandbox';
const WEBHOOK_SECRET = 'whsec_local_sandbox';
const CHECKOUT_LINK = /http:\/\/127\.0\.0\.1:[0-9]{1,5}\/c\/pay\/cs_test_[A-Za-z0-9]{1,80}/;

let tdb: TestDatabase;
let redis: TestRedis;
let backend: Server;
let sandbox: Awaited<ReturnType<typeof startPaymentsSandbox>>;
let env: Awaited<ReturnType<typeof timeSkippingEnv>>;
let worker: Worker;
let running: Promise<void>;
let bookings: BookingClient;
let tenant: Tenant;
let phoneSeq = 0;

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed by an earlier file in this process.
  }
  const logger = createLogger({ service: 'e2e', level: 'silent' });
  [tdb, redis, env] = await Promise.all([
    createTestDatabase(),
    createTestRedis(),
    timeSkippingEnv(),
  ]);
  const created = await createTenant(tdb.pool, {
    slug: `deposit-${Date.now()}`,
    name: 'Bright Smile Dental',
    timezone: noonZone(),
    businessHours: ALL_DAY,
    depositRequired: true,
    depositAmountMinor: 2500,
    currency: 'USD',
  });
  tenant = (await updateTenantBookingSettings(tdb.pool, created.id, {
    calendarSettings: { slotMinutes: 30 },
  }))!;

  // The backend listens first: the sandbox needs its webhook URL, the backend the sandbox's.
  backend = createServer();
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
  const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  sandbox = await startPaymentsSandbox({
    webhookUrl: `${backendUrl}/webhooks/stripe`,
    webhookSecret: WEBHOOK_SECRET,
    webhookRetryMs: 200,
    logger,
  });
  const config = loadBackendConfig({
    DATABASE_URL: tdb.url,
    REDIS_URL: redis.url,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    PUBLIC_BASE_URL: backendUrl,
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_API_BASE_URL: sandbox.url,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  const taskQueue = `deposit-sandbox-${Date.now()}`;
  bookings = createBookingClient({ client: env.client, taskQueue });
  const breakers = createBreakerFactory({ registry: createMetrics('backend').registry, logger });
  backend.on(
    'request',
    createApp({
      config,
      logger,
      metrics: createMetrics('backend'),
      db: tdb.pool,
      redis: redis.client,
      temporalHealth: async () => undefined,
      webhooks: {
        bookings,
        stripe: createStripeGateway({
          secretKey: SECRET_KEY,
          apiBaseUrl: config.STRIPE_API_BASE_URL,
          webhookSecret: config.STRIPE_WEBHOOK_SECRET,
          breakers,
        }),
      },
    }),
  );

  const workerBreakers = createBreakerFactory({
    registry: createMetrics('worker').registry,
    logger,
  });
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: createActivities({
      db: tdb.pool,
      redis: redis.client,
      logger,
      publicBaseUrl: backendUrl,
      // No Twilio credentials: texts stay queued in the outbox, where the terminal phone reads them.
      ...createBookingIntegrations({
        config: {
          CALCOM_API_BASE_URL: 'http://127.0.0.1:9',
          STRIPE_SECRET_KEY: SECRET_KEY,
          STRIPE_API_BASE_URL: sandbox.url,
        },
        db: tdb.pool,
        logger,
        breakers: workerBreakers,
      }),
    }),
  });
  running = worker.run();
}, 600_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await sandbox?.close();
  backend?.closeAllConnections();
  await new Promise((r) => backend?.close(r));
  await redis?.cleanup();
  await tdb?.drop();
});

async function depositBooking() {
  const phone = `+1415555${String(1000 + ++phoneSeq)}`;
  const { bookingId } = await bookings.startBooking({
    tenantId: tenant.id,
    // A slot of its own per booking (a confirmed one keeps its slot taken).
    startsAt: new Date(Date.now() + (48 + phoneSeq) * 3600_000),
    service: 'Cleaning and check-up',
    contactPhone: phone,
  });
  const phases = new Set<string>();
  await waitFor(
    async () => {
      const s = await bookings.getBookingStatus(tenant.id, bookingId);
      if (s) phases.add(s.phase);
      return s?.phase === 'awaiting_payment';
    },
    20_000,
    'the booking to await its deposit',
  );
  const texts = () => listOutboundMessages(tdb.pool, tenant.id, { to: phone });
  await waitFor(async () => kinds(await texts(), bookingId).includes('payment_link'));
  const link = (await texts()).find(
    (t) => t.idempotencyKey === `booking:${bookingId}:payment_link`,
  )!;
  const url = CHECKOUT_LINK.exec(link.body)?.[0];
  return { bookingId, phone, phases, texts, link, url: url! };
}

/** Presses a button of the page's form as a browser does: its name=value, urlencoded, posted. */
async function pressButton(pageUrl: string, value: 'pay' | 'cancel') {
  const html = await (await fetch(pageUrl)).text();
  const action = /<form method="post" action="([^"]{1,200})">/.exec(html)?.[1];
  expect(action, 'the page has a form').toBeTruthy();
  expect(html).toContain(`name="action" value="${value}"`);
  const res = await fetch(new URL(action!, pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: value }).toString(),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location')!, pageUrl).toString();
}

describe('a deposit through the payments sandbox', () => {
  it('holds the slot, texts the Checkout link, and confirms when the page button is pressed', async () => {
    const { bookingId, phases, texts, link, url } = await depositBooking();
    // The slot is held, unpaid, while the caller has the link.
    expect([...phases].every((p) => p === 'holding' || p === 'awaiting_payment')).toBe(true);
    const held = await getBookingRecord(tdb.pool, tenant.id, bookingId);
    expect(held).toMatchObject({ status: 'pending_payment' });
    expect(link.status).toBe('queued');
    expect(url).toBe((await bookings.getBookingStatus(tenant.id, bookingId))?.checkoutUrl);
    expect(url.startsWith(`${sandbox.url}/c/pay/cs_test_`)).toBe(true);

    const page = await (await fetch(url)).text();
    expect(page).toContain('Bright Smile Dental');
    expect(page).toContain('Pay $25 deposit (test)');

    const receipt = await pressButton(url, 'pay');
    expect(await (await fetch(receipt)).text()).toContain('$25 paid');

    await waitFor(
      async () => (await bookings.getBookingStatus(tenant.id, bookingId))?.phase === 'confirmed',
      20_000,
      'the booking to be confirmed',
    );
    expect(await getBookingRecord(tdb.pool, tenant.id, bookingId)).toMatchObject({
      status: 'confirmed',
    });
    const sessionId = url.slice(url.lastIndexOf('/') + 1);
    const session = sandbox.sandbox.store.sessions.get(sessionId)!;
    expect(await getPaymentForBooking(tdb.pool, tenant.id, bookingId)).toMatchObject({
      status: 'succeeded',
      checkoutSessionId: sessionId,
      paymentIntentId: session.paymentIntentId,
    });
    const { rows } = await tdb.pool.query(
      `SELECT event_type, status FROM webhook_events WHERE provider = 'stripe' AND tenant_id = $1 AND payload->'data'->'object'->>'id' = $2`,
      [tenant.id, sessionId],
    );
    expect(rows).toEqual([{ event_type: 'checkout.session.completed', status: 'processed' }]);

    await waitFor(async () => kinds(await texts(), bookingId).includes('confirmed'));
    const sent = (await texts()).filter((t) =>
      t.idempotencyKey.startsWith(`booking:${bookingId}:`),
    );
    expect(kinds(sent)).toEqual(['payment_link', 'confirmed']);
    expect(sent[1]!.status).toBe('queued');
  }, 60_000);

  it('records the abandoned payment when Cancel is pressed, and releases the slot at hold expiry', async () => {
    const { bookingId, texts, url } = await depositBooking();
    await pressButton(url, 'cancel');
    await waitFor(
      async () =>
        (await getPaymentForBooking(tdb.pool, tenant.id, bookingId))?.status === 'expired',
      10_000,
      'the expired payment',
    );
    // The tenant's 15 minutes pass while the result is awaited.
    const done = (await env.client.workflow
      .getHandle(bookingWorkflowId(bookingId))
      .result()) as BookingStatusView;
    expect(done.phase).toBe('expired');
    await waitFor(async () => kinds(await texts(), bookingId).includes('hold_expired'));
    expect(kinds(await texts(), bookingId)).not.toContain('confirmed');
  }, 60_000);
});
