import { sleep } from '@temporalio/workflow';
import { recordActs, textActs } from './activity-options.ts';
import type { AppointmentOutcome, RemindersInput } from '@receptionist/booking-client/messages';

/**
 * Texts before an appointment (24 h and 2 h by default) and the follow-up after it: a review
 * request, or a rebooking offer on a no-show. Each text is checked against the booking at send
 * time, so a cancelled or moved appointment gets no stale reminder; the parent also cancels this
 * workflow on cancel/reschedule.
 */
export async function remindersWorkflow(input: RemindersInput): Promise<AppointmentOutcome> {
  const startsAt = new Date(input.startsAt).getTime();
  const offsets = [...input.reminderOffsetsMs].sort((a, b) => b - a);
  for (const offset of offsets) {
    const wait = startsAt - offset - Date.now();
    // Booked closer to the start than this reminder: it would arrive late or twice, skip it.
    if (wait < 0) continue;
    await sleep(wait);
    await textActs.sendBookingText({
      tenantId: input.tenantId,
      bookingId: input.bookingId,
      kind: 'reminder',
      idempotencyKey: `booking:${input.bookingId}:reminder:${input.startsAt}:${offset}`,
      onlyIfConfirmedAt: input.startsAt,
    });
  }
  const followUpAt = new Date(input.endsAt).getTime() + input.followUpDelayMs;
  await sleep(Math.max(0, followUpAt - Date.now()));
  return recordActs.followUp({
    tenantId: input.tenantId,
    bookingId: input.bookingId,
    startsAt: input.startsAt,
  });
}
