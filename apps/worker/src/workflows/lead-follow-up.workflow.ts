import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  leadBookedSignal,
  leadFollowUpStatusQuery,
  leadOptedOutSignal,
  leadTakenOverSignal,
  type LeadFollowUpInput,
  type LeadFollowUpStop,
} from '@receptionist/booking-client/messages';
import type { FollowUpActivities } from '../activities/follow-ups.activities.ts';

// A lost text is not worth days of retrying: the next one of the series follows anyway.
const acts = proxyActivities<Pick<FollowUpActivities, 'leadFollowUpPlan' | 'sendLeadFollowUp'>>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 10,
  },
});

/**
 * A qualified lead who did not book: texts on day 1, 3 and 7 after the call (the tenant's
 * days), each checked at send time against a booking made since, a STOP and quiet hours in the
 * contact's zone. A booking, a STOP or a person taking over (signals) ends it at once.
 */
export async function leadFollowUpWorkflow(
  input: LeadFollowUpInput,
): Promise<{ sent: number; stopped: LeadFollowUpStop }> {
  let stopped: LeadFollowUpStop | null = null;
  const mine = (s: { tenantId: string }) => s.tenantId === input.tenantId;
  setHandler(leadBookedSignal, (s) => void (mine(s) && (stopped ??= 'booked')));
  setHandler(leadOptedOutSignal, (s) => void (mine(s) && (stopped ??= 'opted_out')));
  setHandler(leadTakenOverSignal, (s) => void (mine(s) && (stopped ??= 'taken_over')));

  const start = Date.now();
  const since = new Date(start).toISOString();
  let sent = 0;
  let nextAt: number | null = null;
  let planned = 0;
  setHandler(leadFollowUpStatusQuery, () => ({
    tenantId: input.tenantId,
    contactId: input.contactId,
    sent,
    planned,
    nextAt: stopped || nextAt === null ? null : new Date(nextAt).toISOString(),
    stopped,
  }));

  const { offsetsMs: offsets } = await acts.leadFollowUpPlan(input.tenantId);
  planned = offsets.length;
  for (const [step, offset] of offsets.entries()) {
    let due = start + offset;
    for (;;) {
      nextAt = due;
      if (await condition(() => stopped !== null, Math.max(1, due - Date.now()))) break;
      const r = await acts.sendLeadFollowUp({
        tenantId: input.tenantId,
        contactId: input.contactId,
        businessPhone: input.businessPhone,
        language: input.language,
        since,
        step,
        of: offsets.length,
        key: `${workflowInfo().workflowId}:${since}:${step}`,
      });
      if (r.stop === 'booked' || r.stop === 'opted_out') stopped ??= r.stop;
      else if (r.retryAt) {
        due = Date.parse(r.retryAt);
        continue;
      } else if (r.sent) sent += 1;
      break;
    }
    if (stopped) break;
  }
  stopped ??= 'done';
  nextAt = null;
  return { sent, stopped };
}
