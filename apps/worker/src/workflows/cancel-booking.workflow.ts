import { paymentActs, recordActs, textActs } from './activity-options.ts';
import type { CancelBookingInput } from '@receptionist/booking-client/messages';

/**
 * Cancels a booking with the tenant's refund policy: the calendar (and Cal.com) first, then the
 * refund through Stripe (idempotency key per booking), then the text. Afterwards the provider,
 * our bookings row and the payments row agree. Id: booking-<bookingId>-cancel.
 */
export async function cancelBookingWorkflow(
  input: CancelBookingInput,
): Promise<{ refundedMinor: number }> {
  await recordActs.cancelAtProvider({
    tenantId: input.tenantId,
    bookingId: input.bookingId,
    reason: input.reason,
    alreadyCancelledAtProvider: input.source === 'provider',
  });
  await paymentActs.expireCheckout({ tenantId: input.tenantId, bookingId: input.bookingId });
  const refund = await paymentActs.refundDeposit({
    tenantId: input.tenantId,
    bookingId: input.bookingId,
    cancelledAt: input.requestedAt,
    // Data only (the same activity in the same place): old histories replay unchanged.
    source: input.source,
  });
  await textActs.sendBookingText({
    tenantId: input.tenantId,
    bookingId: input.bookingId,
    kind: 'cancelled',
    idempotencyKey: `booking:${input.bookingId}:cancelled`,
    refundMinor: refund.refundedMinor,
  });
  return { refundedMinor: refund.refundedMinor };
}
