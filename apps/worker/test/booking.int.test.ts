import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { getBookingRecord, getPaymentForBooking } from '@receptionist/db';
import { waitFor } from '@receptionist/testing';
import { kinds, useHarness, waitForPhase } from './harness.ts';

const h = useHarness('booking');
const SEC = 1000;
const in_ = (ms: number) => new Date(Date.now() + ms);

// The waits at the tenant's durations (hold expiry, reminders, the follow-up after the visit) are
// in booking-waits.timeskip.int.test.ts.
describe('booking without a deposit', () => {
  it('records an attended visit as completed as soon as the business says so', async () => {
    const tenant = await h.makeTenant();
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: in_(2 * SEC),
      endsAt: in_(3 * SEC),
      contactPhone: h.phone(),
      // The follow-up is two hours after the end: only the attendance report completes it in time.
    });
    await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    expect(await h.bookings.reportAttendance(tenant.id, bookingId, true)).toBe(true);
    await waitFor(
      async () => (await getBookingRecord(h.db.pool, tenant.id, bookingId))?.status === 'completed',
    );
    const s = await h.bookings.getBookingStatus(tenant.id, bookingId);
    expect(s?.phase).toBe('confirmed');
  }, 20_000);

  it('moves the booking, texts the new time and refuses a taken slot', async () => {
    const tenant = await h.makeTenant();
    const first = in_(2 * 3600 * SEC);
    const moved = in_(3 * 3600 * SEC);
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: first,
      contactPhone: h.phone(),
    });
    await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    expect(await h.bookings.rescheduleBooking(tenant.id, bookingId, moved)).toBe(true);
    await waitFor(async () => {
      const s = await h.bookings.getBookingStatus(tenant.id, bookingId);
      return s?.startsAt === moved.toISOString();
    });
    const row = await getBookingRecord(h.db.pool, tenant.id, bookingId);
    expect(row?.startsAt.toISOString()).toBe(moved.toISOString());
    expect(row?.endsAt.getTime()).toBe(moved.getTime() + 30 * 60 * SEC);

    // Someone else takes the first slot; moving back there must be refused and change nothing.
    const other = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: first,
      contactPhone: h.phone(),
    });
    await waitForPhase(h, tenant.id, other.bookingId, ['confirmed']);
    await h.bookings.rescheduleBooking(tenant.id, bookingId, first);
    await waitFor(
      async () =>
        (await h.bookings.getBookingStatus(tenant.id, bookingId))?.lastError === 'slot_taken',
    );
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.startsAt.toISOString()).toBe(
      moved.toISOString(),
    );
    expect(kinds(await h.texts(tenant.id), bookingId)).toEqual(['confirmed', 'rescheduled']);
    await h.saveHistory(bookingId, 'rescheduled');
  }, 30_000);

  it('gives one slot to exactly one of 20 simultaneous bookings', async () => {
    const tenant = await h.makeTenant();
    const startsAt = in_(5 * 3600 * SEC);
    const started = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.bookings.startBooking({ tenantId: tenant.id, startsAt, contactPhone: h.phone() }),
      ),
    );
    const outcomes = await Promise.all(
      started.map((s) =>
        waitForPhase(h, tenant.id, s.bookingId, ['confirmed', 'slot_taken'], 30_000),
      ),
    );
    expect(outcomes.filter((o) => o.phase === 'confirmed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.phase === 'slot_taken')).toHaveLength(19);
    const { rows } = await h.db.pool.query(
      `SELECT status FROM bookings WHERE tenant_id = $1 AND starts_at = $2`,
      [tenant.id, startsAt],
    );
    expect(rows.map((r) => r.status)).toEqual(['confirmed']);
    // The phase is visible before the texts go out; wait for all twenty of them.
    await waitFor(async () => (await h.texts(tenant.id)).length >= 20);
    const texts = kinds(await h.texts(tenant.id));
    expect(texts.filter((k) => k === 'confirmed')).toHaveLength(1);
    expect(texts.filter((k) => k === 'slot_taken')).toHaveLength(19);
  }, 45_000);

  it('starting the same booking twice runs it once', async () => {
    const tenant = await h.makeTenant();
    const bookingId = randomUUID();
    const req = {
      tenantId: tenant.id,
      bookingId,
      startsAt: in_(7 * 3600 * SEC),
      contactPhone: h.phone(),
    };
    const [a, b] = await Promise.all([h.bookings.startBooking(req), h.bookings.startBooking(req)]);
    expect([a.alreadyStarted, b.alreadyStarted].sort()).toEqual([false, true]);
    await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    await waitFor(async () => (await h.texts(tenant.id)).length > 0);
    expect(kinds(await h.texts(tenant.id), bookingId)).toEqual(['confirmed']);
    // Another tenant cannot see or touch it.
    const stranger = await h.makeTenant();
    expect(await h.bookings.getBookingStatus(stranger.id, bookingId)).toBeNull();
    expect(await h.bookings.cancelBooking(stranger.id, bookingId, 'nope')).toBe(false);
  });
});

describe('booking with a deposit', () => {
  const deposit = { depositRequired: true, depositAmountMinor: 2500, currency: 'USD' };

  /** A deposit booking `hours` ahead, paid by `paymentIntentId` and so confirmed. */
  async function paidBooking(
    tenantId: string,
    hours: number,
    eventId: string,
    paymentIntentId: string,
  ) {
    const { bookingId } = await h.bookings.startBooking({
      tenantId,
      startsAt: in_(hours * 3600 * SEC),
      contactPhone: h.phone(),
    });
    await waitForPhase(h, tenantId, bookingId, ['awaiting_payment']);
    await h.bookings.paymentSucceeded(tenantId, bookingId, { eventId, paymentIntentId });
    await waitForPhase(h, tenantId, bookingId, ['confirmed']);
    return bookingId;
  }

  it('holds, sends the Checkout link, confirms once paid', async () => {
    const tenant = await h.makeTenant(deposit);
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: in_(48 * 3600 * SEC),
      contactPhone: h.phone(),
    });
    const waiting = await waitForPhase(h, tenant.id, bookingId, ['awaiting_payment']);
    expect(waiting.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.status).toBe(
      'pending_payment',
    );
    const payment = await getPaymentForBooking(h.db.pool, tenant.id, bookingId);
    expect(payment).toMatchObject({
      status: 'pending',
      amountMinor: 2500,
      idempotencyKey: `checkout-${bookingId}`,
    });
    expect(payment?.checkoutSessionId).toMatch(/^cs_/);
    await waitFor(async () => kinds(await h.texts(tenant.id), bookingId).includes('payment_link'));
    expect((await h.texts(tenant.id))[0]!.body).toContain(waiting.checkoutUrl!);
    expect((await h.texts(tenant.id))[0]!.body).toContain('$25.00');

    await h.bookings.paymentSucceeded(tenant.id, bookingId, {
      eventId: 'evt_1',
      paymentIntentId: 'pi_paid_1',
    });
    const confirmed = await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    expect(confirmed.paid).toBe(true);
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.status).toBe('confirmed');
    expect(await getPaymentForBooking(h.db.pool, tenant.id, bookingId)).toMatchObject({
      status: 'succeeded',
      paymentIntentId: 'pi_paid_1',
    });
    await waitFor(async () => kinds(await h.texts(tenant.id), bookingId).includes('confirmed'));
    expect(kinds(await h.texts(tenant.id), bookingId)).toEqual(['payment_link', 'confirmed']);
    await h.saveHistory(bookingId, 'deposit-paid');
  }, 30_000);

  it('refunds the deposit in full when cancelled before the cut-off', async () => {
    const tenant = await h.makeTenant({ ...deposit, refundFullUntilHours: 24 });
    const bookingId = await paidBooking(tenant.id, 72, 'evt_2', 'pi_refund_me');
    expect(await h.bookings.cancelBooking(tenant.id, bookingId, 'caller asked')).toBe(true);
    const done = await waitForPhase(h, tenant.id, bookingId, ['cancelled']);
    expect(done.refundedMinor).toBe(2500);
    await waitFor(async () => kinds(await h.texts(tenant.id), bookingId).includes('cancelled'));
    expect(await getPaymentForBooking(h.db.pool, tenant.id, bookingId)).toMatchObject({
      status: 'refunded',
      refundedMinor: 2500,
    });
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.status).toBe('cancelled');
    const texts = await h.texts(tenant.id);
    expect(kinds(texts, bookingId)).toEqual(['payment_link', 'confirmed', 'cancelled']);
    expect(texts[2]!.body).toContain('$25.00 will be refunded');
    await h.saveHistory(bookingId, 'deposit-cancelled-refunded');
  }, 30_000);

  it('keeps the deposit when cancelled after the cut-off', async () => {
    const tenant = await h.makeTenant({ ...deposit, refundFullUntilHours: 24 });
    const bookingId = await paidBooking(tenant.id, 3, 'evt_3', 'pi_keep');
    await h.bookings.cancelBooking(tenant.id, bookingId, 'caller asked');
    const done = await waitForPhase(h, tenant.id, bookingId, ['cancelled']);
    expect(done.refundedMinor).toBe(0);
    await waitFor(async () => kinds(await h.texts(tenant.id), bookingId).includes('cancelled'));
    expect(await getPaymentForBooking(h.db.pool, tenant.id, bookingId)).toMatchObject({
      status: 'succeeded',
      refundedMinor: 0,
    });
    const texts = await h.texts(tenant.id);
    expect(texts.at(-1)!.body).not.toContain('refunded');
  }, 30_000);

  it('texts once per failed payment and still confirms a later success', async () => {
    const tenant = await h.makeTenant(deposit);
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: in_(80 * 3600 * SEC),
      contactPhone: h.phone(),
    });
    await waitForPhase(h, tenant.id, bookingId, ['awaiting_payment']);
    await h.bookings.paymentFailed(tenant.id, bookingId, {
      eventId: 'evt_f1',
      reason: 'card_declined',
    });
    await waitFor(async () =>
      kinds(await h.texts(tenant.id), bookingId).includes('payment_failed'),
    );
    await h.bookings.paymentSucceeded(tenant.id, bookingId, {
      eventId: 'evt_s1',
      paymentIntentId: 'pi_ok',
    });
    await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    // A failure reported after the success (out of order) changes nothing.
    await h.bookings.paymentFailed(tenant.id, bookingId, { eventId: 'evt_f2' });
    await waitFor(async () => kinds(await h.texts(tenant.id), bookingId).includes('confirmed'));
    expect((await h.bookings.getBookingStatus(tenant.id, bookingId))?.phase).toBe('confirmed');
    expect(kinds(await h.texts(tenant.id), bookingId)).toEqual([
      'payment_link',
      'payment_failed',
      'confirmed',
    ]);
  }, 30_000);
});

describe('booking on a Cal.com calendar', () => {
  it('reserves, books and cancels at Cal.com through the workflow', async () => {
    const tenant = await h.makeTenant({
      calendarProvider: 'calcom',
      calendarSettings: {
        apiKey: h.calcom.apiKey,
        eventTypeId: h.calcom.eventTypeId,
        slotMinutes: 30,
      },
    });
    const startsAt = new Date(Math.ceil((Date.now() + 30 * 3600 * SEC) / 60_000) * 60_000);
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt,
      contactPhone: h.phone(),
      contactName: 'Lin',
    });
    await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    const row = await getBookingRecord(h.db.pool, tenant.id, bookingId);
    expect(row).toMatchObject({ provider: 'calcom', status: 'confirmed' });
    const remote = h.calcom.bookings.get(row!.externalId!);
    expect(remote).toMatchObject({ status: 'accepted', start: startsAt.toISOString() });
    expect(remote!.metadata).toEqual({ bookingId, tenantId: tenant.id });
    expect(remote!.attendee).toMatchObject({ name: 'Lin', phoneNumber: row!.attendeePhone });
    await h.bookings.cancelBooking(tenant.id, bookingId, 'caller asked');
    await waitForPhase(h, tenant.id, bookingId, ['cancelled']);
    expect(h.calcom.bookings.get(row!.externalId!)?.status).toBe('cancelled');
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.status).toBe('cancelled');
  }, 30_000);
});
