// A call placed on the call workflow as the voice webhook starts it, and what its history waited
// for: shared by the call workflow's tests. The two time-skipping files each have a server of their own:
// on one shared server the second test's two-minute timer never fired after the first's
// half-hour skip.
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { createCallIdempotent, setContactLanguage, upsertContactByPhone } from '@receptionist/db';
import { CALL_WORKFLOW, callWorkflowId, type CallWorkflowInput } from '@receptionist/domain';
import type { Harness } from './harness.ts';

const BUSINESS = '+14155550100';

/** The timers (in seconds) and activities a workflow's history holds. */
export async function waitsOf(handle: WorkflowHandle) {
  const { events } = await handle.fetchHistory();
  return {
    timers: (events ?? []).flatMap((e) =>
      e.timerStartedEventAttributes
        ? [Number(e.timerStartedEventAttributes.startToFireTimeout?.seconds ?? 0)]
        : [],
    ),
    activities: (events ?? []).flatMap((e) =>
      e.activityTaskScheduledEventAttributes
        ? [e.activityTaskScheduledEventAttributes.activityType?.name]
        : [],
    ),
  };
}

/** A call of a fresh caller: the rows the incoming-call webhook makes, then the workflow. */
export async function placeCall(h: Harness, tenantId: string, contactLanguage?: string) {
  const callerPhone = h.phone();
  const contact = await upsertContactByPhone(h.db.pool, tenantId, callerPhone);
  if (contactLanguage) await setContactLanguage(h.db.pool, tenantId, contact.id, contactLanguage);
  const callSid = `CA${randomUUID().replace(/-/g, '')}`;
  const { call } = await createCallIdempotent(h.db.pool, tenantId, {
    callSid,
    fromNumber: callerPhone,
    toNumber: BUSINESS,
    contactId: contact.id,
  });
  const input: CallWorkflowInput = {
    tenantId,
    callSid,
    callId: call.id,
    contactId: contact.id,
    conversationId: randomUUID(),
    callerPhone,
    businessPhone: BUSINESS,
  };
  const handle = await h.client.workflow.start(CALL_WORKFLOW, {
    taskQueue: h.taskQueue,
    workflowId: callWorkflowId(callSid),
    args: [input],
  });
  return { input, handle, callerPhone, contact };
}
