import { beforeEach, describe, expect, it } from 'vitest';
import {
  getBookingRecord,
  getLastReviewRequest,
  getPaymentForBooking,
  insertBooking,
  insertEscalation,
  setBookingAttendee,
  upsertContactByPhone,
} from '@receptionist/db';
import { bookingWorkflowId, type BookingStatusView } from '@receptionist/booking-client/messages';
import { waitFor } from '@receptionist/testing';
import { kinds, waitForPhase } from './harness.ts';
import { skipToRealTimeOfDay, useTimeSkippingHarness } from './time-skipping.ts';

/**
 * The no-show and review request workflows with the real activities and Postgres, started by the
 * booking workflow two hours (the tenant's default grace) after the visit, on Temporal's
 * time-skipping server: the grace passes while a test awaits the booking's result, never while
 * it polls. The tenant's zone is where it is noon now, so quiet hours never hold a text back
 * here; follow-ups.timeskip.int.test.ts covers those.
 */
const { env, h } = useTimeSkippingHarness('follow-ups');
const SEC = 1000;
const REVIEW_URL = 'https://g.page/r/bright-smile/review';

// The tests before skipped hours: each starts at the real time of day again (days ahead).
beforeEach(() => skipToRealTimeOfDay(env));

/** The server's clock `ms` from now: it is ahead of the real one once time has skipped. */
const in_ = async (ms: number) => new Date((await env.currentTimeMs()) + ms);
/** Awaiting it lets the server skip the grace and whatever else the booking waits for. */
const result = (bookingId: string) =>
  h.client.workflow.getHandle(bookingWorkflowId(bookingId)).result() as Promise<BookingStatusView>;

/** A short visit starting in `startInMs`: too soon for reminders, followed up 2 h after it ends. */
async function visit(tenantId: string, phone: string, startInMs = 2 * SEC) {
  const { bookingId } = await h.bookings.startBooking({
    tenantId,
    startsAt: await in_(startInMs),
    endsAt: await in_(startInMs + SEC),
    contactPhone: phone,
  });
  return bookingId;
}

describe('no-show workflow', () => {
  it('marks an unmarked visit a no-show, refunds the deposit by the rule and offers to rebook', async () => {
    const tenant = await h.makeTenant({
      depositRequired: true,
      depositAmountMinor: 2500,
      currency: 'USD',
      settings: { followUps: { unmarkedAttendance: 'no_show', noShowDeposit: 'refund' } },
    });
    const bookingId = await visit(tenant.id, h.phone(), 4 * SEC);
    await waitForPhase(h, tenant.id, bookingId, ['awaiting_payment']);
    await h.bookings.paymentSucceeded(tenant.id, bookingId, {
      eventId: `evt_${bookingId}`,
      paymentIntentId: `pi_${bookingId.slice(0, 8)}`,
    });
    const done = await result(bookingId);
    expect(done.phase).toBe('no_show');
    expect((await getBookingRecord(h.db.pool, tenant.id, bookingId))?.status).toBe('no_show');
    expect(await getPaymentForBooking(h.db.pool, tenant.id, bookingId)).toMatchObject({
      status: 'refunded',
      refundedMinor: 2500,
    });
    const texts = await h.texts(tenant.id);
    expect(kinds(texts, bookingId)).toEqual(['payment_link', 'confirmed', 'followup']);
    expect(texts.at(-1)!.body).toContain('we missed you');
    expect(texts.at(-1)!.purpose).toBe('no_show_rebook');
    const child = await h.client.workflow.getHandle(`no-show-${bookingId}`).result();
    expect(child).toMatchObject({ noShow: true, deposit: 'refund', refundedMinor: 2500 });
    await h.saveHistory(bookingId, 'no-show-refunded');
    await h.saveWorkflowHistory(`no-show-${bookingId}`, 'no-show-refunded');
  }, 40_000);

  it("keeps the deposit of a no-show staff reported when the tenant's rule forfeits it", async () => {
    const tenant = await h.makeTenant({
      depositRequired: true,
      depositAmountMinor: 2500,
      currency: 'USD',
    });
    const bookingId = await visit(tenant.id, h.phone(), 4 * SEC);
    await waitForPhase(h, tenant.id, bookingId, ['awaiting_payment']);
    await h.bookings.paymentSucceeded(tenant.id, bookingId, {
      eventId: `evt_${bookingId}`,
      paymentIntentId: `pi_${bookingId.slice(0, 8)}`,
    });
    await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    expect(await h.bookings.markNoShow(tenant.id, bookingId)).toBe(true);
    const done = await result(bookingId);
    expect(done.phase).toBe('no_show');
    expect(await getPaymentForBooking(h.db.pool, tenant.id, bookingId)).toMatchObject({
      status: 'succeeded',
      refundedMinor: 0,
    });
    expect(kinds(await h.texts(tenant.id), bookingId)).toEqual([
      'payment_link',
      'confirmed',
      'followup',
    ]);
  }, 40_000);
});

describe('review request workflow', () => {
  it('texts the review link once per contact within the period, in their language', async () => {
    const tenant = await h.makeTenant({
      languages: ['en-US', 'fr-CA'],
      settings: { followUps: { reviewUrl: REVIEW_URL, reviewRepeatDays: 90 } },
    });
    const phone = h.phone();
    const first = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: await in_(2 * SEC),
      endsAt: await in_(3 * SEC),
      contactPhone: phone,
      language: 'fr-CA',
    });
    expect((await result(first.bookingId)).phase).toBe('completed');
    const texts = await h.texts(tenant.id);
    expect(kinds(texts, first.bookingId)).toEqual(['confirmed', 'followup']);
    expect(texts.at(-1)!.body).toBe(
      `Bright Smile : merci de votre visite ! Si vous avez une minute, un avis nous aide beaucoup : ${REVIEW_URL}`,
    );
    const contact = await upsertContactByPhone(h.db.pool, tenant.id, phone);
    expect((await getLastReviewRequest(h.db.pool, tenant.id, contact.id))?.bookingId).toBe(
      first.bookingId,
    );

    // The same patient's next visit, a few hours later: no second request.
    const second = await visit(tenant.id, phone);
    expect((await result(second)).phase).toBe('completed');
    expect(await h.client.workflow.getHandle(`review-request-${second}`).result()).toBe(
      'skipped_asked_recently',
    );
    expect(kinds(await h.texts(tenant.id), second)).toEqual(['confirmed']);
    await h.saveHistory(first.bookingId, 'review-link-sent');
    await h.saveWorkflowHistory(`review-request-${first.bookingId}`, 'review-link-sent');
  }, 40_000);

  it('asks the attendee of a booking made on the Cal.com page, who has no contact yet', async () => {
    const tenant = await h.makeTenant({ settings: { followUps: { reviewUrl: REVIEW_URL } } });
    const phone = h.phone();
    const startsAt = await in_(2 * SEC);
    const booking = await insertBooking(h.db.pool, tenant.id, {
      status: 'confirmed',
      startsAt,
      endsAt: await in_(3 * SEC),
    });
    await setBookingAttendee(h.db.pool, tenant.id, booking.id, { phone, name: 'Ada' });
    const handle = await h.client.workflow.start('bookingWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: `booking-${booking.id}`,
      args: [
        {
          tenantId: tenant.id,
          bookingId: booking.id,
          startsAt: startsAt.toISOString(),
          contactPhone: phone,
          mode: 'adopt',
        },
      ],
    });
    expect((await handle.result()).phase).toBe('completed');
    const review = (await h.texts(tenant.id)).find((t) => t.purpose === 'review_request');
    expect(review).toMatchObject({ to: phone });
    expect(review!.body).toContain(REVIEW_URL);
  }, 40_000);

  it('skips a contact with an open escalation, and a no-show', async () => {
    const tenant = await h.makeTenant({ settings: { followUps: { reviewUrl: REVIEW_URL } } });
    const unhappy = h.phone();
    const contact = await upsertContactByPhone(h.db.pool, tenant.id, unhappy);
    await insertEscalation(h.db.pool, tenant.id, {
      kind: 'message',
      reason: 'complaint',
      contactId: contact.id,
    });
    const complained = await visit(tenant.id, unhappy);
    const missed = await visit(tenant.id, h.phone(), 3 * SEC);
    await waitForPhase(h, tenant.id, missed, ['confirmed']);
    await h.bookings.markNoShow(tenant.id, missed);
    expect((await result(complained)).phase).toBe('completed');
    expect((await result(missed)).phase).toBe('no_show');
    expect(await h.client.workflow.getHandle(`review-request-${complained}`).result()).toBe(
      'skipped_complaint',
    );
    expect(kinds(await h.texts(tenant.id), complained)).toEqual(['confirmed']);
    await waitFor(async () => kinds(await h.texts(tenant.id), missed).length === 2);
    const missedTexts = (await h.texts(tenant.id)).filter((t) =>
      t.idempotencyKey.startsWith(`booking:${missed}:`),
    );
    expect(missedTexts.map((t) => t.purpose)).toEqual(['notification', 'no_show_rebook']);
    expect(missedTexts.some((t) => t.body.includes(REVIEW_URL))).toBe(false);
  }, 40_000);
});
