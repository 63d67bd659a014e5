import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  escalationFollowUpStatusQuery,
  escalationResolvedSignal,
  type EscalationFollowUpInput,
} from '@receptionist/booking-client/messages';
import type { FollowUpActivities } from '../activities/follow-ups.activities.ts';

const acts = proxyActivities<
  Pick<FollowUpActivities, 'escalationFollowUpPlan' | 'textCallerCallBack' | 'remindStaff'>
>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 10,
  },
});

/**
 * An escalation nobody has resolved yet: the caller is texted when to expect a call back (held
 * to the end of quiet hours in their zone), and every N minutes after it was raised the next
 * staff contact is reminded, until it is resolved (the admin API signals) or the reminders run out.
 */
export async function escalationFollowUpWorkflow(
  input: EscalationFollowUpInput,
): Promise<{ reminders: number; resolved: boolean }> {
  let resolved = false;
  let reminders = 0;
  let callerTexted = false;
  let lastReminded: string | null = null;
  setHandler(escalationResolvedSignal, (s) => {
    if (s.tenantId === input.tenantId) resolved = true;
  });
  setHandler(escalationFollowUpStatusQuery, () => ({
    tenantId: input.tenantId,
    escalationId: input.escalationId,
    reminders,
    callerTexted,
    resolved,
    lastReminded,
  }));

  const plan = await acts.escalationFollowUpPlan(input.tenantId);
  const raised = Date.parse(input.raisedAt);
  // The caller's text is due now; reminder n at raised + (n + 1) x N. Earliest first.
  let callerDue: number | null = Date.now();
  let step = 0;
  while (!resolved && (callerDue !== null || step < plan.maxReminders)) {
    const reminderDue =
      step < plan.maxReminders ? raised + (step + 1) * plan.reminderAfterMs : Infinity;
    // The caller's text goes first whenever it is due: they hear from us before staff are nagged.
    const caller = callerDue !== null && (callerDue <= reminderDue || callerDue <= Date.now());
    const due = caller ? callerDue! : reminderDue;
    if (await condition(() => resolved, Math.max(1, due - Date.now()))) break;
    if (caller) {
      const r = await acts.textCallerCallBack({
        tenantId: input.tenantId,
        escalationId: input.escalationId,
        callerPhone: input.callerPhone,
        businessPhone: input.businessPhone,
        contactId: input.contactId,
        language: input.language,
      });
      if (r.stop === 'resolved') resolved = true;
      else if (r.retryAt) callerDue = Date.parse(r.retryAt);
      else {
        callerTexted = r.sent;
        callerDue = null;
      }
      continue;
    }
    const r = await acts.remindStaff({
      tenantId: input.tenantId,
      escalationId: input.escalationId,
      callerPhone: input.callerPhone,
      businessPhone: input.businessPhone,
      step,
    });
    step += 1;
    if (r.stop === 'resolved') resolved = true;
    else if (r.sent) {
      reminders += 1;
      lastReminded = r.to;
    }
  }
  return { reminders, resolved };
}
