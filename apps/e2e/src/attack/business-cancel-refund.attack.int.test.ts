// Low finding: when the business called an appointment off inside the no-refund window, the
// customer lost the deposit. The window binds the customer's own cancellation only. A paid
// booking two hours away (full refund only until 24 hours before) is cancelled both ways through
// the real backend's Stripe route, the real worker and stripe-mock.
import { describe, expect, it } from 'vitest';
import { getPaymentForBooking } from '@receptionist/db';
import { waitForPhase } from '@receptionist/worker/test-harness';
import { useStripeWebhookStack } from '../../test/stripe-webhook-stack.ts';

const s = useStripeWebhookStack('attack-refund');

async function paidBookingSoon() {
  const b = await s.depositBooking({ startsInMs: 2 * 3600_000, refundFullUntilHours: 24 });
  const res = await s.deliver(
    s.event(`evt_paid_${b.bookingId}`, 'checkout.session.completed', b.session()),
  );
  expect(res.body.status).toBe('processed');
  await waitForPhase(s.h, b.tenantId, b.bookingId, ['confirmed']);
  return b;
}

describe('attack: the business cancels inside the no-refund window', () => {
  it('refunds the whole deposit when the business cancels', async () => {
    const { tenantId, bookingId } = await paidBookingSoon();
    expect(
      await s.h.bookings.cancelBooking(tenantId, bookingId, 'the dentist is ill', 'business'),
    ).toBe(true);
    const view = await waitForPhase(s.h, tenantId, bookingId, ['cancelled']);
    expect(view.refundedMinor).toBe(3000);
    expect(await getPaymentForBooking(s.h.db.pool, tenantId, bookingId)).toMatchObject({
      status: 'refunded',
      refundedMinor: 3000,
    });
  }, 30_000);

  it('keeps the policy for the customer: nothing back inside the window', async () => {
    const { tenantId, bookingId } = await paidBookingSoon();
    await s.h.bookings.cancelBooking(tenantId, bookingId, 'changed my mind', 'caller');
    const view = await waitForPhase(s.h, tenantId, bookingId, ['cancelled']);
    expect(view.refundedMinor).toBe(0);
    expect((await getPaymentForBooking(s.h.db.pool, tenantId, bookingId))?.status).toBe(
      'succeeded',
    );
  }, 30_000);
});
