import { sleep } from '@temporalio/workflow';
import type { AppointmentFollowUpInput } from '@receptionist/booking-client/messages';
import { followUpRecords, followUpTexts } from './follow-up-activity-options.ts';

/**
 * After a completed appointment: the tenant's review link, once per contact per
 * `reviewRepeatDays` (default 90), never to a no-show, an opted-out contact or one with an open
 * or fresh escalation; outside the contact's quiet hours. Id: review-request-<bookingId>; started
 * by the booking workflow. Returns what happened ('sent', 'queued', 'skipped_<why>', ...).
 */
export async function reviewRequestWorkflow(input: AppointmentFollowUpInput): Promise<string> {
  const plan = await followUpRecords.planReviewRequest(input);
  if ('skip' in plan) return `skipped_${plan.skip}`;
  if (plan.waitMs > 0) await sleep(plan.waitMs);
  // Checked again at send time: a complaint or another visit's request may have come meanwhile.
  return (await followUpTexts.sendReviewRequest(input)).status;
}
