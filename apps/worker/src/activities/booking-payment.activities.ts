import { ApplicationFailure } from '@temporalio/common';
import {
  ensurePayment,
  getPaymentForBooking,
  recordPaymentOutcome,
  setPaymentCheckout,
} from '@receptionist/db';
import { refundFor } from '@receptionist/domain';
import { bookingLookups, type BookingActivityDeps } from './booking-lookups.ts';

export function createBookingPaymentActivities(
  deps: Pick<BookingActivityDeps, 'db' | 'tenants' | 'stripe' | 'publicBaseUrl' | 'logger'>,
) {
  const { db } = deps;
  const { tenantOf, bookingOf } = bookingLookups(deps);

  return {
    async createCheckout(input: { tenantId: string; bookingId: string }): Promise<{ url: string }> {
      if (!deps.stripe)
        throw ApplicationFailure.nonRetryable('deposits need STRIPE_SECRET_KEY', 'InvalidBooking');
      const tenant = await tenantOf(input.tenantId);
      const booking = await bookingOf(input.tenantId, input.bookingId);
      const payment = await ensurePayment(db, tenant.id, {
        bookingId: booking.id,
        idempotencyKey: `checkout-${booking.id}`,
        amountMinor: booking.depositAmountMinor,
        currency: booking.currency,
      });
      if (payment.checkoutUrl) return { url: payment.checkoutUrl };
      const session = await deps.stripe.createCheckoutSession({
        tenantId: tenant.id,
        bookingId: booking.id,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        description: `Deposit — ${tenant.name}${booking.service ? `, ${booking.service}` : ''}`,
        successUrl: `${deps.publicBaseUrl}/bookings/${booking.id}/paid`,
        cancelUrl: `${deps.publicBaseUrl}/bookings/${booking.id}/payment-cancelled`,
        idempotencyKey: payment.idempotencyKey,
      });
      await setPaymentCheckout(db, tenant.id, payment.id, {
        sessionId: session.id,
        url: session.url,
      });
      return { url: session.url };
    },

    async expireCheckout(input: {
      tenantId: string;
      bookingId: string;
    }): Promise<{ paid: boolean; paymentIntentId: string | null; processing?: boolean }> {
      const payment = await getPaymentForBooking(db, input.tenantId, input.bookingId);
      if (!payment) return { paid: false, paymentIntentId: null };
      if (
        payment.status === 'succeeded' ||
        payment.status === 'refunded' ||
        payment.status === 'partially_refunded'
      )
        return { paid: true, paymentIntentId: payment.paymentIntentId };
      // A declined card leaves the session open for another try: it is expired like a pending one.
      if (
        (payment.status !== 'pending' && payment.status !== 'failed') ||
        !payment.checkoutSessionId ||
        !deps.stripe
      )
        return { paid: false, paymentIntentId: null };
      const r = await deps.stripe.expireCheckoutSession(
        payment.checkoutSessionId,
        `expire-${input.bookingId}`,
      );
      // Paid means paid for this booking: the amount and currency Stripe took must be the deposit's.
      const matches = r.amountMinor === payment.amountMinor && r.currency === payment.currency;
      if (r.paid && !matches) {
        deps.logger.warn(
          {
            tenantId: input.tenantId,
            bookingId: input.bookingId,
            sessionId: payment.checkoutSessionId,
            expected: { amountMinor: payment.amountMinor, currency: payment.currency },
            got: { amountMinor: r.amountMinor, currency: r.currency },
          },
          'checkout session does not match the booking; not confirmed',
        );
        return { paid: false, paymentIntentId: null };
      }
      if (r.paid)
        await recordPaymentOutcome(db, input.tenantId, input.bookingId, {
          kind: 'succeeded',
          paymentIntentId: r.paymentIntentId,
        });
      else if (!r.processing)
        await recordPaymentOutcome(db, input.tenantId, input.bookingId, { kind: 'expired' });
      return r.processing
        ? { paid: false, paymentIntentId: r.paymentIntentId, processing: true }
        : { paid: r.paid, paymentIntentId: r.paymentIntentId };
    },

    async refundDeposit(input: {
      tenantId: string;
      bookingId: string;
      cancelledAt: string;
      /** Who cancelled: the no-refund window binds the caller, never the business. */
      source?: 'caller' | 'business' | 'provider';
    }): Promise<{ refundedMinor: number }> {
      const tenant = await tenantOf(input.tenantId);
      const booking = await bookingOf(input.tenantId, input.bookingId);
      const payment = await getPaymentForBooking(db, tenant.id, booking.id);
      if (
        !payment ||
        payment.status === 'pending' ||
        payment.status === 'failed' ||
        payment.status === 'expired'
      )
        return { refundedMinor: 0 };
      const amount = refundFor({
        paidMinor: payment.amountMinor,
        alreadyRefundedMinor: payment.refundedMinor,
        startsAt: booking.startsAt,
        cancelledAt: new Date(input.cancelledAt),
        fullRefundHours: tenant.refundFullUntilHours,
        cancelledBy: input.source ?? 'caller',
      });
      if (amount === 0) return { refundedMinor: payment.refundedMinor };
      if (!deps.stripe || !payment.paymentIntentId)
        throw ApplicationFailure.nonRetryable(
          'paid deposit without a payment intent',
          'InvalidBooking',
        );
      // One refund per booking whatever the retries: Stripe replays the stored answer for the key.
      await deps.stripe.refund({
        paymentIntentId: payment.paymentIntentId,
        amountMinor: amount,
        idempotencyKey: `refund-${booking.id}`,
        metadata: { tenantId: tenant.id, bookingId: booking.id },
      });
      const updated = await recordPaymentOutcome(db, tenant.id, booking.id, {
        kind: 'refunded',
        refundedMinor: payment.refundedMinor + amount,
      });
      return { refundedMinor: updated?.refundedMinor ?? amount };
    },
  };
}
