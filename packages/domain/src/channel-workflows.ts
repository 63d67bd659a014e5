/**
 * What the backend (Twilio webhooks) and the worker (call and SMS workflows) agree on: workflow
 * type names, ids, and signal payloads. The backend refers to workflows by these names only.
 */
export const CALL_WORKFLOW = 'callWorkflow';
export const SMS_WORKFLOW = 'smsWorkflow';
export const CALL_EVENT_SIGNAL = 'callEvent';
export const CALL_ENDED_SIGNAL = 'callEnded';
export const SMS_INBOUND_SIGNAL = 'smsInbound';

export const callWorkflowId = (callSid: string) => `call-${callSid}`;
/**
 * One contact's SMS workflow, named by the contact row, never the phone number: workflow ids are
 * printed by Temporal's and our logs, and a phone number must not be.
 */
export const smsWorkflowId = (tenantId: string, contactId: string) =>
  `sms-${tenantId}-${contactId}`;

export interface CallWorkflowInput {
  tenantId: string;
  callSid: string;
  callId: string;
  contactId: string;
  /** The conversation row (shared with the agent service) the call's turns are stored in. */
  conversationId: string;
  callerPhone: string;
  /** The tenant's number the caller dialled; texts to the caller are sent from it. */
  businessPhone: string;
}

/** Things that happen during a call and decide its outcome and follow-ups. */
export type CallEvent =
  /** Sent by earlier backends during the call; now CallEndedSignal.callerSpoke. */
  | { type: 'caller_spoke' }
  | { type: 'booking_started'; bookingId: string }
  | { type: 'booking_confirmed'; bookingId: string; startsAt: string; service: string }
  /** `recorded`: the agent service already stored the escalation row; only staff need telling. */
  | { type: 'transfer'; to: string; summary: string; recorded: boolean }
  | { type: 'transfer_unanswered' }
  | { type: 'message_taken'; summary: string; recorded: boolean }
  | { type: 'sms_requested' }
  | { type: 'send_sms'; key: string; to: string; body: string };

/** Twilio's terminal call states: any other is a call still ringing or being talked on. */
export const endedCallStatuses = ['completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;
export const isEndedCallStatus = (status: string): boolean =>
  (endedCallStatuses as readonly string[]).includes(status);

export interface CallEndedSignal {
  status: string;
  durationSeconds: number | null;
  /**
   * The call's language when it ended (the last reply's, one of the tenant's tags), as the backend
   * kept it: the texts after the call are written in it. Absent: the contact's, else the default.
   */
  language?: string;
  /**
   * The caller said something during the call (the backend's call context knows). It rides on
   * the end of the call instead of a signal of its own: one Temporal round trip less per call.
   */
  callerSpoke?: boolean;
}

export type SmsKeyword = 'stop' | 'start' | 'help';

export interface SmsInbound {
  messageSid: string;
  tenantId: string;
  contactId: string;
  /** The key the agent service knows the contact's conversation by. */
  conversationKey: string;
  from: string;
  /** The tenant's number the text was sent to; the reply goes out from it. */
  to: string;
  body: string;
  keyword: SmsKeyword | null;
}

const STOP = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit'];
const START = ['start', 'yes', 'unstop'];
const HELP = ['help', 'info'];

/** Carrier opt-out keywords: the whole message, any case, surrounding spaces and punctuation ignored. */
export function smsKeyword(body: string): SmsKeyword | null {
  const word = body
    .trim()
    .toLowerCase()
    .replace(/[.!\s]+$/g, '');
  if (STOP.includes(word)) return 'stop';
  if (START.includes(word)) return 'start';
  if (HELP.includes(word)) return 'help';
  return null;
}

export type CallOutcomeKind =
  'booked' | 'question_answered' | 'escalated' | 'message_taken' | 'abandoned' | 'missed';

/** The outcome rule, shared by the workflow and its tests. */
export function decideCallOutcome(events: CallEvent[]): CallOutcomeKind {
  const has = (t: CallEvent['type']) => events.some((e) => e.type === t);
  if (has('booking_confirmed')) return 'booked';
  if (has('message_taken')) return 'message_taken';
  if (has('transfer')) return 'escalated';
  if (!has('caller_spoke')) return 'missed';
  if (has('booking_started')) return 'abandoned';
  return 'question_answered';
}
