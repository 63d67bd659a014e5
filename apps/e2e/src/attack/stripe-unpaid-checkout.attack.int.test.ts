// Finding 5: a Checkout Session is proof of payment only when it is paid, for this booking, for
// the deposit asked. Signed events that say otherwise (unpaid, another session, another amount
// or currency) confirm nothing; a delayed payment confirms on async_payment_succeeded and gives
// the slot back on async_payment_failed. Real backend routes, real worker, real Temporal.
import { describe, expect, it } from 'vitest';
import { getBookingRecord, getPaymentForBooking } from '@receptionist/db';
import { waitFor } from '@receptionist/testing';
import { kinds, waitForPhase } from '@receptionist/worker/test-harness';
import { useStripeWebhookStack } from '../../test/stripe-webhook-stack.ts';

const s = useStripeWebhookStack('attack-stripe-paid');

const phaseOf = async (tenantId: string, bookingId: string) =>
  (await s.h.bookings.getBookingStatus(tenantId, bookingId))?.phase;

describe('attack: a Checkout Session that did not pay for this booking', () => {
  it('confirms nothing for an unpaid, a foreign, an underpaid or a wrong-currency session', async () => {
    const { tenantId, bookingId, session } = await s.depositBooking();
    const forgeries = [
      session({ payment_status: 'unpaid' }),
      session({ id: 'cs_test_someone_elses_session' }),
      session({ amount_total: 1 }),
      session({ currency: 'jpy' }),
      session({ amount_total: undefined }),
    ];
    for (const [i, o] of forgeries.entries()) {
      const res = await s.deliver(
        s.event(`evt_forged_${i}_${bookingId}`, 'checkout.session.completed', o),
      );
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ignored');
    }
    // Given the workflow every chance to act on a wrong signal before looking.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await phaseOf(tenantId, bookingId)).toBe('awaiting_payment');
    expect((await getPaymentForBooking(s.h.db.pool, tenantId, bookingId))?.status).toBe('pending');
    expect((await getBookingRecord(s.h.db.pool, tenantId, bookingId))?.status).toBe(
      'pending_payment',
    );
    const { rows } = await s.h.db.pool.query(
      `SELECT error FROM webhook_events WHERE event_id LIKE $1 ORDER BY event_id`,
      [`evt_forged_%_${bookingId}`],
    );
    expect(rows.map((r) => r.error)).toEqual([
      'payment_status unpaid',
      'session does not match the booking',
      'session does not match the booking',
      'session does not match the booking',
      'session does not match the booking',
    ]);
  }, 30_000);

  it('waits for a delayed payment and confirms on async_payment_succeeded', async () => {
    const { tenantId, bookingId, session } = await s.depositBooking();
    const completed = await s.deliver(
      s.event(
        `evt_done_${bookingId}`,
        'checkout.session.completed',
        session({ payment_status: 'unpaid' }),
      ),
    );
    expect(completed.body.status).toBe('ignored');
    expect(await phaseOf(tenantId, bookingId)).toBe('awaiting_payment');
    const paid = await s.deliver(
      s.event(`evt_async_ok_${bookingId}`, 'checkout.session.async_payment_succeeded', session()),
    );
    expect(paid.body.status).toBe('processed');
    await waitForPhase(s.h, tenantId, bookingId, ['confirmed']);
    expect((await getPaymentForBooking(s.h.db.pool, tenantId, bookingId))?.status).toBe(
      'succeeded',
    );
  }, 30_000);

  it('releases the slot when the delayed payment fails', async () => {
    const { tenantId, bookingId, session } = await s.depositBooking();
    await s.deliver(
      s.event(
        `evt_done_${bookingId}`,
        'checkout.session.completed',
        session({ payment_status: 'unpaid' }),
      ),
    );
    const failed = await s.deliver(
      s.event(
        `evt_async_fail_${bookingId}`,
        'checkout.session.async_payment_failed',
        session({ payment_status: 'unpaid' }),
      ),
    );
    expect(failed.body.status).toBe('processed');
    const view = await waitForPhase(s.h, tenantId, bookingId, ['expired']);
    expect(view.lastError).toBe('payment_failed');
    expect((await getBookingRecord(s.h.db.pool, tenantId, bookingId))?.status).toBe('cancelled');
    expect((await getPaymentForBooking(s.h.db.pool, tenantId, bookingId))?.status).toBe('failed');
    await waitFor(async () => kinds(await s.h.texts(tenantId), bookingId).includes('hold_expired'));
    // No "try again with the same link": the session is over.
    expect(kinds(await s.h.texts(tenantId), bookingId)).toEqual(['payment_link', 'hold_expired']);
  }, 30_000);

  it('does not release the slot on a failure for another session', async () => {
    const { tenantId, bookingId, session } = await s.depositBooking();
    const res = await s.deliver(
      s.event(
        `evt_other_fail_${bookingId}`,
        'checkout.session.async_payment_failed',
        session({ id: 'cs_test_not_ours', payment_status: 'unpaid' }),
      ),
    );
    expect(res.body.status).toBe('ignored');
    await new Promise((r) => setTimeout(r, 500));
    expect(await phaseOf(tenantId, bookingId)).toBe('awaiting_payment');
    expect((await getBookingRecord(s.h.db.pool, tenantId, bookingId))?.status).toBe(
      'pending_payment',
    );
  }, 30_000);
});
