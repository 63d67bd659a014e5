import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import Stripe from 'stripe';
import type express from 'express';
import { loadBackendConfig } from '@receptionist/config';
import { getBookingRecord, getPaymentForBooking, type Db } from '@receptionist/db';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createStripeGateway } from '@receptionist/integrations/stripe';
import { createLogger, createMetrics } from '@receptionist/observability';
import { waitFor } from '@receptionist/testing';
import { kinds, startHarness, waitForPhase, type Harness } from '@receptionist/worker/test-harness';
import { Registry } from 'prom-client';
import { createApp } from '@receptionist/backend/app';

const STRIPE_SECRET = 'whsec_test_bookings';
const CAL_SECRET = 'cal_webhook_secret';
const stripeSigner = new Stripe('sk_test_123');

let h: Harness;
let app: express.Express;

beforeAll(async () => {
  h = await startHarness('webhooks');
  await h.startWorker();
  const config = loadBackendConfig({
    DATABASE_URL: h.db.url,
    REDIS_URL: process.env.REDIS_URL!,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
    PUBLIC_BASE_URL: 'https://voice.example.test',
  });
  const logger = createLogger({ service: 'backend', level: 'silent' });
  app = createApp({
    config,
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
        webhookSecret: STRIPE_SECRET,
        breakers: createBreakerFactory({ registry: new Registry(), logger }),
      }),
    },
  });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

function stripeEvent(id: string, type: string, object: Record<string, unknown>) {
  return JSON.stringify({
    id,
    object: 'event',
    type,
    api_version: '2025-01-01',
    created: 1,
    data: { object },
  });
}
function postStripe(payload: string, header?: string) {
  const req = request(app).post('/webhooks/stripe').set('content-type', 'application/json');
  return (header === undefined ? req : req.set('stripe-signature', header)).send(payload);
}
const signed = (payload: string, timestamp?: number) =>
  stripeSigner.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET, timestamp });
const eventCount = async () =>
  Number((await h.db.pool.query('SELECT count(*) FROM webhook_events')).rows[0].count);

async function depositBooking() {
  const tenant = await h.makeTenant({ depositRequired: true, depositAmountMinor: 3000 });
  const { bookingId } = await h.bookings.startBooking({
    tenantId: tenant.id,
    startsAt: new Date(Date.now() + 48 * 3600_000),
    contactPhone: h.phone(),
  });
  await waitForPhase(h, tenant.id, bookingId, ['awaiting_payment']);
  // The session we opened for this deposit: its id, amount and currency are checked.
  const payment = (await getPaymentForBooking(h.db.pool, tenant.id, bookingId))!;
  const session = (o: Record<string, unknown> = {}) => ({
    id: payment.checkoutSessionId,
    object: 'checkout.session',
    amount_total: payment.amountMinor,
    currency: payment.currency.toLowerCase(),
    payment_status: 'paid',
    payment_intent: `pi_${bookingId.slice(0, 8)}`,
    metadata: { tenantId: tenant.id, bookingId },
    ...o,
  });
  return { tenant, bookingId, session };
}

describe('POST /webhooks/stripe', () => {
  it('confirms the booking on checkout.session.completed, once however often it is delivered', async () => {
    const { tenant, bookingId, session } = await depositBooking();
    const payload = stripeEvent(`evt_${bookingId}`, 'checkout.session.completed', session());
    const first = await postStripe(payload, signed(payload));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: true, duplicate: false, status: 'processed' });
    const again = await postStripe(payload, signed(payload));
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);

    await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    expect(await getPaymentForBooking(h.db.pool, tenant.id, bookingId)).toMatchObject({
      status: 'succeeded',
      paymentIntentId: `pi_${bookingId.slice(0, 8)}`,
    });
    await waitFor(async () => kinds(await h.texts(tenant.id), bookingId).includes('confirmed'));
    expect(kinds(await h.texts(tenant.id), bookingId)).toEqual(['payment_link', 'confirmed']);
    const { rows } = await h.db.pool.query(
      `SELECT status, tenant_id FROM webhook_events WHERE provider = 'stripe' AND event_id = $1`,
      [`evt_${bookingId}`],
    );
    expect(rows).toEqual([{ status: 'processed', tenant_id: tenant.id }]);

    // Out of order: a failure for the same payment arriving after the success changes nothing.
    const late = stripeEvent(
      `evt_late_${bookingId}`,
      'checkout.session.async_payment_failed',
      session({ payment_status: 'unpaid' }),
    );
    expect((await postStripe(late, signed(late))).status).toBe(200);
    expect((await getPaymentForBooking(h.db.pool, tenant.id, bookingId))?.status).toBe('succeeded');
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.status).toBe('confirmed');

    // A refund made in the Stripe dashboard is reflected in our payment record.
    const refunded = stripeEvent(`evt_ref_${bookingId}`, 'charge.refunded', {
      id: 'ch_1',
      object: 'charge',
      amount_refunded: 1000,
      payment_intent: `pi_${bookingId.slice(0, 8)}`,
      metadata: {},
    });
    expect((await postStripe(refunded, signed(refunded))).status).toBe(200);
    expect(await getPaymentForBooking(h.db.pool, tenant.id, bookingId)).toMatchObject({
      status: 'partially_refunded',
      refundedMinor: 1000,
    });
  }, 30_000);

  it('acknowledges and records events for unknown bookings and unhandled types', async () => {
    const unknown = stripeEvent('evt_unknown_booking', 'checkout.session.completed', {
      id: 'cs_x',
      object: 'checkout.session',
      payment_status: 'paid',
      metadata: {
        tenantId: '00000000-0000-4000-8000-000000000000',
        bookingId: '00000000-0000-4000-8000-000000000001',
      },
    });
    const res = await postStripe(unknown, signed(unknown));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ignored');
    const other = stripeEvent('evt_other_type', 'customer.created', {
      id: 'cus_1',
      object: 'customer',
    });
    expect((await postStripe(other, signed(other))).body.status).toBe('ignored');
    const { rows } = await h.db.pool.query(
      `SELECT event_id, status, error FROM webhook_events WHERE event_id IN ('evt_unknown_booking', 'evt_other_type') ORDER BY event_id`,
    );
    expect(rows).toEqual([
      { event_id: 'evt_other_type', status: 'ignored', error: 'event type not handled' },
      { event_id: 'evt_unknown_booking', status: 'ignored', error: 'unknown booking' },
    ]);
  });

  it('rejects a bad, an expired and a missing signature with 4xx and changes nothing', async () => {
    const { tenant, bookingId, session } = await depositBooking();
    const payload = stripeEvent(`evt_forged_${bookingId}`, 'checkout.session.completed', session());
    const before = await eventCount();
    const forged = stripeSigner.webhooks.generateTestHeaderString({
      payload,
      secret: 'whsec_wrong',
    });
    const expired = signed(payload, Math.floor(Date.now() / 1000) - 600);
    const tampered = signed(payload.replace('"paid"', '"paid" '));
    for (const header of [forged, expired, tampered, undefined]) {
      const res = await postStripe(payload, header);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_signature');
    }
    expect(await eventCount()).toBe(before);
    expect((await h.bookings.getBookingStatus(tenant.id, bookingId))?.phase).toBe(
      'awaiting_payment',
    );
    expect((await getPaymentForBooking(h.db.pool, tenant.id, bookingId))?.status).toBe('pending');
  }, 30_000);
});

describe('POST /webhooks/calcom/{tenantId}', () => {
  const sign = (body: string, secret = CAL_SECRET) =>
    createHmac('sha256', secret).update(body).digest('hex');
  // Each business has its own webhook URL and secret.
  let hookOf = '';
  const post = (body: string, sig?: string, tenantId = hookOf) => {
    const req = request(app)
      .post(`/webhooks/calcom/${tenantId}`)
      .set('content-type', 'application/json');
    return (sig === undefined ? req : req.set('x-cal-signature-256', sig)).send(body);
  };
  async function calTenant() {
    const eventTypeId = Math.floor(Math.random() * 1e9);
    const tenant = await h.makeTenant({
      calendarProvider: 'calcom',
      calendarSettings: {
        apiKey: h.calcom.apiKey,
        eventTypeId,
        slotMinutes: 30,
        webhookSecret: CAL_SECRET,
      },
      // Seconds instead of hours so the reminder of a page booking is observable in the test.
      settings: { reminderOffsetsHours: [1 / 3600], followUpDelayMinutes: 60 },
    });
    hookOf = tenant.id;
    return { tenant, eventTypeId };
  }
  const event = (trigger: string, payload: Record<string, unknown>) =>
    JSON.stringify({ triggerEvent: trigger, createdAt: new Date().toISOString(), payload });

  it('adopts a booking made on the Cal.com page, reminds it, and follows its move and cancellation', async () => {
    const { tenant, eventTypeId } = await calTenant();
    const phone = h.phone();
    const start = new Date(Date.now() + 3000);
    const createdBody = event('BOOKING_CREATED', {
      uid: 'cal-uid-1',
      eventTypeId,
      startTime: start.toISOString(),
      endTime: new Date(start.getTime() + 30 * 60_000).toISOString(),
      attendees: [{ name: 'Grace', email: 'g@example.test', timeZone: 'UTC', phoneNumber: phone }],
      metadata: {},
    });
    const res = await post(createdBody, sign(createdBody));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('processed');
    expect((await post(createdBody, sign(createdBody))).body.duplicate).toBe(true);
    const { rows } = await h.db.pool.query(
      `SELECT id, status, provider, external_id, attendee_phone FROM bookings WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'confirmed',
      provider: 'calcom',
      external_id: 'cal-uid-1',
      attendee_phone: phone,
    });
    const bookingId = rows[0].id as string;
    await waitFor(
      async () => kinds(await h.texts(tenant.id), bookingId).includes('reminder'),
      10_000,
    );
    expect((await h.texts(tenant.id))[0]!.to).toBe(phone);

    const moved = new Date(Date.now() + 24 * 3600_000);
    const movedBody = event('BOOKING_RESCHEDULED', {
      uid: 'cal-uid-2',
      rescheduleUid: 'cal-uid-1',
      eventTypeId,
      startTime: moved.toISOString(),
      endTime: new Date(moved.getTime() + 30 * 60_000).toISOString(),
      attendees: [{ name: 'Grace', phoneNumber: phone }],
    });
    expect((await post(movedBody, sign(movedBody))).body.status).toBe('processed');
    await waitFor(
      async () =>
        (await getBookingRecord(h.db.pool, tenant.id, bookingId))?.externalId === 'cal-uid-2',
    );
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.startsAt.toISOString()).toBe(
      moved.toISOString(),
    );

    const cancelBody = event('BOOKING_CANCELLED', {
      uid: 'cal-uid-2',
      eventTypeId,
      startTime: moved.toISOString(),
    });
    expect((await post(cancelBody, sign(cancelBody))).body.status).toBe('processed');
    await waitForPhase(h, tenant.id, bookingId, ['cancelled']);
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.status).toBe('cancelled');
    // Cancelled on Cal.com already: we must not have called its cancel endpoint.
    expect(h.calcom.requests.filter((r) => r.path.includes('/cancel'))).toHaveLength(0);
  }, 30_000);

  it('rejects a bad or missing signature with 401 and records nothing', async () => {
    const { eventTypeId } = await calTenant();
    const body = event('BOOKING_CREATED', {
      uid: 'cal-forged',
      eventTypeId,
      startTime: new Date().toISOString(),
    });
    const before = await eventCount();
    for (const sig of [sign(body, 'wrong'), sign(body + ' '), undefined, 'zz']) {
      const res = await post(body, sig);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_signature');
    }
    expect(await eventCount()).toBe(before);
  });
});
