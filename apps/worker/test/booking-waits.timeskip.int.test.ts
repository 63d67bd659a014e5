// The booking workflow's waits at the tenant's real durations on Temporal's time-skipping test
// server, with the real activities, Postgres and the provider stand-ins: the hold expiring
// unpaid after its 15 minutes, the reminders a day and two hours before, the follow-up two hours
// after the visit. Time skips only while the test awaits a workflow's result, so every step in
// between (phases reached, signals sent) happens before any timer is due.
import { beforeEach, describe, expect, it } from 'vitest';
import { getBookingRecord, getPaymentForBooking } from '@receptionist/db';
import { bookingWorkflowId, type BookingStatusView } from '@receptionist/booking-client/messages';
import { kinds, waitForPhase } from './harness.ts';
import { HOUR, MINUTE, skipToRealTimeOfDay, useTimeSkippingHarness } from './time-skipping.ts';

const { env, h } = useTimeSkippingHarness('booking-waits');

// The tests before skipped hours: each starts at the real time of day again (days ahead).
beforeEach(() => skipToRealTimeOfDay(env));

// The server's clock: it starts at the real time and jumps ahead while a result is awaited.
const at = async (ms: number) => new Date((await env.currentTimeMs()) + ms);
const result = (bookingId: string) =>
  h.client.workflow.getHandle(bookingWorkflowId(bookingId)).result() as Promise<BookingStatusView>;

/** The durations of the timers a workflow started, in milliseconds, in order. */
async function timers(bookingId: string): Promise<number[]> {
  const history = await h.client.workflow.getHandle(bookingWorkflowId(bookingId)).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const d = e.timerStartedEventAttributes?.startToFireTimeout;
    return d ? [Number(d.seconds ?? 0) * 1000 + Math.round((d.nanos ?? 0) / 1e6)] : [];
  });
}

describe('booking without a deposit, at the default reminders and follow-up', () => {
  it('confirms, texts the confirmation, reminds a day and two hours before and asks for a review', async () => {
    const tenant = await h.makeTenant();
    const phone = h.phone();
    const startedAt = await env.currentTimeMs();
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: await at(48 * HOUR),
      endsAt: await at(48 * HOUR + 30 * MINUTE),
      contactPhone: phone,
      contactName: 'Ada',
    });
    const done = await result(bookingId);
    expect(done).toMatchObject({ phase: 'completed', paid: false });
    // Two hours after the end (48.5 h in): the follow-up waited the tenant's grace, not less.
    expect((await env.currentTimeMs()) - startedAt).toBeGreaterThanOrEqual(50.5 * HOUR);
    const texts = await h.texts(tenant.id);
    expect(kinds(texts, bookingId)).toEqual(['confirmed', 'reminder', 'reminder', 'followup']);
    expect(texts.every((t) => t.to === phone && t.status === 'queued')).toBe(true);
    expect(texts[0]!.body).toMatch(/^Bright Smile: you're booked for /);
    expect(texts[3]!.body).toContain('tell us how it went');
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.status).toBe('completed');
    await h.saveHistory(bookingId, 'no-deposit-completed');
  }, 120_000);

  it('skips the reminders a booking made too late for, and offers to rebook after a no-show', async () => {
    const tenant = await h.makeTenant();
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      // Within two hours of the start: both reminders would come late.
      startsAt: await at(HOUR),
      endsAt: await at(HOUR + 30 * MINUTE),
      contactPhone: h.phone(),
    });
    await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    expect(await h.bookings.markNoShow(tenant.id, bookingId)).toBe(true);
    expect((await result(bookingId)).phase).toBe('no_show');
    const texts = await h.texts(tenant.id);
    expect(kinds(texts, bookingId)).toEqual(['confirmed', 'followup']);
    expect(texts[1]!.body).toContain('we missed you');
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.status).toBe('no_show');
  }, 120_000);
});

describe('booking with a deposit, at the default 15-minute hold', () => {
  const deposit = { depositRequired: true, depositAmountMinor: 2500, currency: 'USD' };

  it('reminds five minutes before the hold expires, then releases the slot and says so', async () => {
    const tenant = await h.makeTenant(deposit);
    const startsAt = await at(50 * HOUR);
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt,
      contactPhone: h.phone(),
    });
    await waitForPhase(h, tenant.id, bookingId, ['awaiting_payment']);
    const done = await result(bookingId);
    expect(done).toMatchObject({ phase: 'expired', paid: false });
    // The workflow's own timers (the server's clock runs on for other workflows after it ends):
    // up to the reminder 5 minutes before expiry, then the last 5 minutes.
    const [toReminder, toExpiry, ...more] = await timers(bookingId);
    expect(more).toEqual([]);
    expect(toReminder).toBeGreaterThan(9 * MINUTE);
    expect(toReminder).toBeLessThanOrEqual(10 * MINUTE);
    expect(toExpiry).toBeGreaterThan(4 * MINUTE);
    expect(toExpiry).toBeLessThanOrEqual(5 * MINUTE);
    expect(kinds(await h.texts(tenant.id), bookingId)).toEqual([
      'payment_link',
      'payment_reminder',
      'hold_expired',
    ]);
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.status).toBe('cancelled');
    expect((await getPaymentForBooking(h.db.pool, tenant.id, bookingId))?.status).toBe('expired');
    // The slot is free again.
    const next = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt,
      contactPhone: h.phone(),
    });
    await waitForPhase(h, tenant.id, next.bookingId, ['awaiting_payment']);
    await h.saveHistory(bookingId, 'deposit-expired');
  }, 120_000);
});
