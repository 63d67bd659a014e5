import { patched, sleep } from '@temporalio/workflow';
import { recordActs, textActs } from './activity-options.ts';
import type { RemindersInput, RemindersResult } from '@receptionist/booking-client/messages';

/**
 * Texts before an appointment (24 h and 2 h by default), then waits out the appointment and its
 * grace (`followUpDelayMs`) and returns 'ended': the booking workflow settles attendance and
 * starts the no-show or review request workflow. Each text is checked against the booking at
 * send time, so a cancelled or moved appointment gets no stale reminder; the parent also cancels
 * this workflow on cancel/reschedule. Runs from before the follow-up workflows existed still
 * send the old follow-up text themselves.
 */
export async function remindersWorkflow(input: RemindersInput): Promise<RemindersResult> {
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
  if (patched('appointment-follow-up-workflows')) return 'ended';
  return recordActs.followUp({
    tenantId: input.tenantId,
    bookingId: input.bookingId,
    startsAt: input.startsAt,
  });
}
