import { callHandoffs, getCallBySid, getContact, getTenant, type Db } from '@receptionist/db';
import {
  isEndedCallStatus,
  type CallEndedSignal,
  type CallEvent,
  type CallOutcomeKind,
  type CallWorkflowInput,
} from '@receptionist/domain';
import { callerLanguage, channelTexts } from './channel.texts.ts';

export type AfterCallText = 'missed_call' | 'follow_up';

/**
 * The one text a caller gets once the call is over, if any. A caller who booked in the call has
 * the confirmation or the deposit link already, and one handed to the staff (a transfer, a
 * message) hears back from them: "reply to book" would only contradict both.
 */
export function afterCallText(c: {
  outcome: CallOutcomeKind;
  events: readonly CallEvent[];
  booked: boolean;
  escalated: boolean;
}): AfterCallText | null {
  if (c.outcome === 'missed') return 'missed_call';
  // The line told the caller a text would follow (silence, our system down, no message left
  // after an unanswered transfer): that promise is kept whatever else happened.
  if (c.events.some((e) => e.type === 'sms_requested')) return 'follow_up';
  if (c.booked || c.escalated) return null;
  return 'follow_up';
}

const BOOKING_EVENTS = new Set<CallEvent['type']>(['booking_started', 'booking_confirmed']);
const ESCALATION_EVENTS = new Set<CallEvent['type']>(['transfer', 'message_taken']);

export function createCallFollowUpActivities(deps: {
  db: Db;
  /** The channel's own sendSms: the same keys, opt-outs and limits as every other text. */
  sendSms(m: {
    tenantId: string;
    to: string;
    from: string;
    body: string;
    key: string;
    purpose: string;
  }): Promise<unknown>;
}) {
  return {
    /**
     * The call's end as its row records it, for a call whose ended signal never came: the status
     * webhook writes the row before it signals, so a signal lost to a Temporal hiccup is found
     * here. Null while the row says the call goes on.
     */
    async recordedCallEnd(c: {
      tenantId: string;
      callSid: string;
    }): Promise<CallEndedSignal | null> {
      const call = await getCallBySid(deps.db, c.tenantId, c.callSid);
      if (!call || !isEndedCallStatus(call.status)) return null;
      return { status: call.status, durationSeconds: call.durationSeconds };
    },

    /**
     * The missed-call or after-call text, in the caller's language. The call's events say what
     * the backend saw; the database says it too when a signal was lost: the bookings and
     * escalations the agent made during the call.
     */
    async callFollowUp(f: {
      input: CallWorkflowInput;
      events: CallEvent[];
      outcome: CallOutcomeKind;
      /** The call's language as the backend kept it (the ended signal's). */
      language?: string;
    }): Promise<{ sent: AfterCallText | null }> {
      const { input } = f;
      const tenant = await getTenant(deps.db, input.tenantId);
      if (!tenant) throw new Error('tenant not found');
      const made = await callHandoffs(deps.db, input.tenantId, input.callId);
      const sent = afterCallText({
        outcome: f.outcome,
        events: f.events,
        booked: made.booked || f.events.some((e) => BOOKING_EVENTS.has(e.type)),
        escalated: made.escalated || f.events.some((e) => ESCALATION_EVENTS.has(e.type)),
      });
      if (!sent) return { sent };
      const contact = await getContact(deps.db, input.tenantId, input.contactId);
      const say = channelTexts(callerLanguage(tenant, f.language, contact?.language));
      await deps.sendSms({
        tenantId: input.tenantId,
        to: input.callerPhone,
        from: input.businessPhone,
        body: sent === 'missed_call' ? say.missedCall(tenant.name) : say.afterCall(tenant.name),
        // The keys the workflow used before this activity: a call never gets either twice.
        key: `${input.callSid}:${sent === 'missed_call' ? 'missed' : 'follow-up'}`,
        purpose: sent,
      });
      return { sent };
    },
  };
}
