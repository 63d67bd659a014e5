// What the booking workflow hands on once a slot is given up or an appointment is over.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, executeChild, patched, startChild } from '@temporalio/workflow';
import {
  noShowWorkflowId,
  reviewRequestWorkflowId,
  waitlistOfferWorkflowId,
} from '@receptionist/booking-client/messages';
import { followUpRecords } from './follow-up-activity-options.ts';
import { noShowWorkflow } from './no-show.workflow.ts';
import { reviewRequestWorkflow } from './review-request.workflow.ts';
import { waitlistOfferWorkflow } from './waitlist-offer.workflow.ts';

interface BookingRef {
  tenantId: string;
  bookingId: string;
  resource?: string;
}

/**
 * A slot the booking gave up (cancelled, or moved away from) goes to the waitlist: one offer
 * workflow per slot, which outlives this booking; a second start for the same slot is a no-op.
 */
export async function offerFreedSlot(
  ref: BookingRef,
  slot: { startsAt: string; endsAt: string | null },
): Promise<void> {
  if (!patched('waitlist-offers') || Date.parse(slot.startsAt) <= Date.now()) return;
  try {
    await startChild(waitlistOfferWorkflow, {
      workflowId: waitlistOfferWorkflowId(ref.tenantId, ref.resource ?? 'default', slot.startsAt),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          tenantId: ref.tenantId,
          bookingId: ref.bookingId,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt ?? slot.startsAt,
        },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/**
 * The appointment is over: attended or not (staff's mark, else the tenant's rule). Null when the
 * booking was moved or is no longer live: nothing to follow up.
 */
export async function settleAppointment(
  ref: BookingRef,
  startsAt: string,
  attended: boolean | null,
): Promise<'completed' | 'no_show' | null> {
  const outcome = await followUpRecords.settleAppointment({
    tenantId: ref.tenantId,
    bookingId: ref.bookingId,
    startsAt,
    attended,
  });
  return outcome === 'skipped' ? null : outcome;
}

/** The no-show or the review request workflow, as a child of the booking's. */
export async function followUpAppointment(
  ref: BookingRef,
  startsAt: string,
  outcome: 'completed' | 'no_show',
): Promise<void> {
  const { tenantId, bookingId } = ref;
  if (outcome === 'no_show')
    await executeChild(noShowWorkflow, {
      workflowId: noShowWorkflowId(bookingId),
      args: [{ tenantId, bookingId, startsAt }],
    });
  else
    await executeChild(reviewRequestWorkflow, {
      workflowId: reviewRequestWorkflowId(bookingId),
      args: [{ tenantId, bookingId, startsAt }],
    });
}
