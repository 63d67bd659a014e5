import {
  ParentClosePolicy,
  condition,
  setHandler,
  sleep,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  bookingWorkflowId,
  waitlistOfferQuery,
  waitlistReplySignal,
  type WaitlistOfferInput,
  type WaitlistOfferView,
} from '@receptionist/booking-client/messages';
// Type only: the booking workflow starts this one, so a value import would be a cycle.
import type { bookingWorkflow } from './booking.workflow.ts';
import { waitlistRecords, waitlistTexts } from './follow-up-activity-options.ts';

/** Callers offered one slot at most; past that the slot stays free for anyone who calls. */
const MAX_OFFERS = 25;
/** How long the booking started from a YES may take to hold the slot before we stop waiting. */
const HOLD_POLLS = 60;

/**
 * A freed slot offered down the waitlist of its day: the first caller waiting is texted "reply
 * YES within 15 minutes" (the tenant's `waitlistReplyMinutes`); their YES (the SMS route signals
 * `waitlistReply`) books the slot through the booking workflow, silence passes it to the next.
 * Id: waitlist-<tenantId>-<resource>-<start in epoch ms>, so the slot is offered by one workflow however
 * often it is freed; a caller holds one offer at a time. Double booking is impossible whatever
 * the replies: only the caller offered now can accept, and the booking workflow's hold is decided
 * by the database's no-overlap constraint.
 */
export async function waitlistOfferWorkflow(input: WaitlistOfferInput): Promise<WaitlistOfferView> {
  const { tenantId } = input;
  const workflowId = workflowInfo().workflowId;
  const view: WaitlistOfferView = {
    tenantId,
    offeredEntryId: null,
    passed: [],
    outcome: 'offering',
    bookingId: null,
  };
  const accepted = new Set<string>();
  setHandler(waitlistReplySignal, (r) => {
    if (r.tenantId === tenantId) accepted.add(r.entryId);
  });
  setHandler(waitlistOfferQuery, () => view);

  const slot = await waitlistRecords.describeFreedSlot(input);
  const replyMs = input.replyMs ?? slot.replyMs;
  for (let offers = 0; offers < MAX_OFFERS;) {
    const step = await waitlistTexts.offerFreedSlot({
      ...slot,
      replyMs,
      tenantId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      workflowId,
      exclude: view.passed,
    });
    if (step.kind === 'quiet') {
      await sleep(step.waitMs);
      continue;
    }
    if (step.kind === 'none' || step.kind === 'slot_gone') {
      view.outcome = step.kind === 'none' ? 'no_one_waiting' : 'slot_gone';
      return view;
    }
    offers++;
    if (step.kind === 'unreachable') {
      view.passed.push(step.entryId);
      continue;
    }
    view.offeredEntryId = step.entryId;
    // A YES from anyone but the caller offered now changes nothing.
    if (!(await condition(() => accepted.has(step.entryId), replyMs))) {
      await waitlistRecords.settleWaitlistOffer({
        tenantId,
        entryId: step.entryId,
        workflowId,
        bookingId: null,
      });
      view.passed.push(step.entryId);
      view.offeredEntryId = null;
      continue;
    }
    const bookingId = uuid4();
    await startChild<typeof bookingWorkflow>('bookingWorkflow', {
      workflowId: bookingWorkflowId(bookingId),
      // The booking lives on (deposit, reminders, follow-up) after this workflow is done.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          tenantId,
          bookingId,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          service: slot.service || undefined,
          resource: slot.resource,
          contactPhone: step.phone,
          contactName: step.name ?? undefined,
          language: step.language ?? undefined,
        },
      ],
    });
    let held: 'held' | 'gone' | 'pending' = 'pending';
    for (let i = 0; i < HOLD_POLLS && held === 'pending'; i++) {
      held = await waitlistRecords.waitlistBookingHeld({ tenantId, bookingId });
      if (held === 'pending') await sleep('1 second');
    }
    await waitlistRecords.settleWaitlistOffer({
      tenantId,
      entryId: step.entryId,
      workflowId,
      bookingId: held === 'held' ? bookingId : null,
    });
    view.offeredEntryId = null;
    // Taken by someone else first: the booking workflow has told the caller so.
    view.outcome = held === 'held' ? 'booked' : 'slot_gone';
    view.bookingId = held === 'held' ? bookingId : null;
    return view;
  }
  view.outcome = 'no_one_waiting';
  return view;
}
