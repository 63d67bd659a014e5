// What the call workflow starts once a call is over: workflows of their own that outlive it.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import {
  callAnalysisWorkflowId,
  escalationFollowUpWorkflowId,
  leadFollowUpWorkflowId,
} from '@receptionist/booking-client/messages';
import type {
  CallEndedSignal,
  CallEvent,
  CallOutcomeKind,
  CallWorkflowInput,
} from '@receptionist/domain';
import type { FollowUpActivities } from '../activities/follow-ups.activities.ts';

const plans = proxyActivities<Pick<FollowUpActivities, 'afterCallPlan'>>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/** Starts a workflow that outlives the call; one already running under its id is left alone. */
async function startDetached(type: string, workflowId: string, args: unknown[]): Promise<void> {
  try {
    await startChild(type, { workflowId, args, parentClosePolicy: ParentClosePolicy.ABANDON });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/**
 * The analysis for every call; the lead follow-up for a qualified caller who did not book; a
 * follow-up for each escalation a caller is left waiting on (a message, a transfer nobody
 * answered). A transfer someone answered is a person already talking with the caller.
 */
export async function startFollowUps(
  input: CallWorkflowInput,
  events: readonly CallEvent[],
  outcome: CallOutcomeKind,
  ended: CallEndedSignal | null,
): Promise<void> {
  await startDetached('callAnalysisWorkflow', callAnalysisWorkflowId(input.callSid), [
    { tenantId: input.tenantId, callId: input.callId, callSid: input.callSid },
  ]);
  const transferAnswered =
    events.some((e) => e.type === 'transfer') &&
    !events.some((e) => e.type === 'transfer_unanswered' || e.type === 'message_taken');
  const plan = await plans.afterCallPlan({ input, outcome });
  if (plan.lead) {
    await startDetached(
      'leadFollowUpWorkflow',
      leadFollowUpWorkflowId(input.tenantId, input.contactId),
      [
        {
          tenantId: input.tenantId,
          contactId: input.contactId,
          callId: input.callId,
          businessPhone: input.businessPhone,
          language: ended?.language,
        },
      ],
    );
  }
  if (transferAnswered) return;
  for (const e of plan.escalations) {
    await startDetached('escalationFollowUpWorkflow', escalationFollowUpWorkflowId(e.id), [
      {
        tenantId: input.tenantId,
        escalationId: e.id,
        raisedAt: e.raisedAt,
        callerPhone: input.callerPhone,
        businessPhone: input.businessPhone,
        contactId: input.contactId,
        language: ended?.language,
      },
    ]);
  }
}
