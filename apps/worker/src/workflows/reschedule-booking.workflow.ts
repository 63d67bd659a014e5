import { recordActs, textActs } from './activity-options.ts';
import type { RescheduleBookingInput } from '@receptionist/booking-client/messages';

export type RescheduleResult =
  | { ok: true; startsAt: string; endsAt: string }
  | { ok: false; reason: 'slot_taken' | 'slot_unavailable' };

/**
 * Moves a booking: our records and the calendar provider move together (the exclusion constraint
 * decides whether the new time is free), then the caller gets the new time by text.
 */
export async function rescheduleBookingWorkflow(
  input: RescheduleBookingInput,
): Promise<RescheduleResult> {
  const result = await recordActs.rescheduleBooking(input);
  if (!result.ok) return result;
  await textActs.sendBookingText({
    tenantId: input.tenantId,
    bookingId: input.bookingId,
    kind: 'rescheduled',
    idempotencyKey: `booking:${input.bookingId}:rescheduled:${result.startsAt}`,
  });
  return result;
}
