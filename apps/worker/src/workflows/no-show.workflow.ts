import { sleep } from '@temporalio/workflow';
import type { AppointmentFollowUpInput } from '@receptionist/booking-client/messages';
import { followUpMoney, followUpRecords, followUpTexts } from './follow-up-activity-options.ts';

export interface NoShowResult {
  /** False when the booking was moved, cancelled or marked attended before this ran. */
  noShow: boolean;
  deposit: 'forfeit' | 'refund' | null;
  refundedMinor: number;
  text: string | null;
}

/**
 * A missed appointment: the booking is marked `no_show`, the tenant's deposit rule applied (kept
 * or refunded), and the caller texted a rebooking offer outside their quiet hours; their reply
 * goes to their SMS conversation, where the agent books again. Id: no-show-<bookingId>; started
 * by the booking workflow once the appointment's end and grace have passed without attendance.
 */
export async function noShowWorkflow(input: AppointmentFollowUpInput): Promise<NoShowResult> {
  if (!(await followUpRecords.recordNoShow(input)))
    return { noShow: false, deposit: null, refundedMinor: 0, text: null };
  const deposit = await followUpMoney.applyNoShowDeposit({
    tenantId: input.tenantId,
    bookingId: input.bookingId,
  });
  const waitMs = await followUpRecords.followUpTextWait({
    tenantId: input.tenantId,
    bookingId: input.bookingId,
  });
  if (waitMs > 0) await sleep(waitMs);
  const sent = await followUpTexts.sendNoShowRebook(input);
  return {
    noShow: true,
    deposit: deposit.policy,
    refundedMinor: deposit.refundedMinor,
    text: sent.status,
  };
}
