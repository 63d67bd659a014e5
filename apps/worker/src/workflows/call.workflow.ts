import {
  condition,
  defineSignal,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import { startFollowUps } from './after-call.ts';
import {
  CALL_ENDED_SIGNAL,
  CALL_EVENT_SIGNAL,
  type CallEndedSignal,
  type CallEvent,
  type CallOutcomeKind,
  type CallWorkflowInput,
} from '@receptionist/domain';
import type { ChannelActivities } from '../activities/channel.activities.ts';

export const callEventSignal = defineSignal<[CallEvent]>(CALL_EVENT_SIGNAL);
export const callEndedSignal = defineSignal<[CallEndedSignal]>(CALL_ENDED_SIGNAL);

const acts = proxyActivities<ChannelActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 6, initialInterval: '1 second' },
});

/** No status callback for this long means Twilio's callback was lost: close the call anyway. */
const CALL_MAX_LENGTH = '4 hours';
const CALL_MAX_LENGTH_MS = 4 * 60 * 60 * 1000;
/**
 * After this long with nothing from the call, its row is read: an ended signal the status webhook
 * could not deliver (Temporal slow or away for a moment) is not waited for until CALL_MAX_LENGTH.
 */
const CALL_END_CHECK = '2 minutes';
const CALL_END_FROM_RECORD = 'call-end-from-record';

/**
 * The after-call text is decided and written by one activity (the caller's language; none after
 * a booking or a hand-over to the staff). Calls that reached the end before keep the old steps.
 */
const FOLLOW_UP_ACTIVITY = 'call-follow-up-activity';
/** The analysis, the lead follow-up and the escalation follow-ups start once the call is over. */
const AFTER_CALL_WORKFLOWS = 'after-call-workflows';

/**
 * The lifecycle of one call: texts the agent asked for during the call, escalations to staff,
 * and once it ends the outcome, the summary, and the follow-up or missed-call text.
 */
export async function callWorkflow(
  input: CallWorkflowInput,
): Promise<{ outcome: CallOutcomeKind }> {
  const events: CallEvent[] = [];
  let ended = null as CallEndedSignal | null;
  setHandler(callEventSignal, (e) => void events.push(e));
  setHandler(callEndedSignal, (e) => {
    ended = e;
  });
  const text = (body: string, key: string, purpose: string, to = input.callerPhone) =>
    acts.sendSms({ tenantId: input.tenantId, to, from: input.businessPhone, body, key, purpose });

  let handled = 0;
  const endFromRecord = patched(CALL_END_FROM_RECORD);
  const giveUpAt = Date.now() + CALL_MAX_LENGTH_MS;
  for (;;) {
    const woke = await condition(
      () => handled < events.length || ended !== null,
      endFromRecord ? CALL_END_CHECK : CALL_MAX_LENGTH,
    );
    while (handled < events.length) {
      const e = events[handled]!;
      handled += 1;
      // Booking confirmations are texts the agent asks for (send_sms), delivered here like any other.
      if (e.type === 'send_sms') await text(e.body, e.key, 'agent', e.to);
      else if (e.type === 'transfer' || e.type === 'message_taken') {
        await acts.escalate({
          tenantId: input.tenantId,
          kind: e.type === 'transfer' ? 'transfer' : 'message',
          callerPhone: input.callerPhone,
          businessPhone: input.businessPhone,
          summary: e.summary,
          key: `${input.callSid}:${e.type}:${handled}`,
          callId: input.callId,
          conversationId: input.conversationId,
          contactId: input.contactId,
          recorded: e.recorded,
        });
      }
    }
    if (ended !== null) break;
    if (!woke) {
      if (!endFromRecord || Date.now() >= giveUpAt) break;
      ended = await acts.recordedCallEnd({ tenantId: input.tenantId, callSid: input.callSid });
      if (ended !== null) break;
    }
  }
  // The outcome rules read events; whether the caller spoke now comes with the end of the call.
  // Pushing it changes no command, so histories recorded before replay the same.
  if ((ended as CallEndedSignal | null)?.callerSpoke) events.push({ type: 'caller_spoke' });

  const { outcome } = await acts.finishCall({ input, events, ended });
  if (patched(FOLLOW_UP_ACTIVITY)) {
    await acts.callFollowUp({ input, events, outcome, language: ended?.language });
    if (patched(AFTER_CALL_WORKFLOWS)) await startFollowUps(input, events, outcome, ended);
    return { outcome };
  }
  // Calls that ended before the patch replay the steps they recorded.
  const { name } = await acts.tenantName(input.tenantId);
  const wanted = events.some((e) => e.type === 'sms_requested');
  if (outcome === 'missed') {
    await text(
      `Sorry we missed your call at ${name}! Reply to this text and we'll help you book or answer your question.`,
      `${input.callSid}:missed`,
      'missed_call',
    );
  } else if (wanted || (outcome !== 'booked' && outcome !== 'escalated')) {
    await text(
      `Thanks for calling ${name}. If you'd like to book or have another question, just reply to this text.`,
      `${input.callSid}:follow-up`,
      'follow_up',
    );
  }
  return { outcome };
}
