import type {
  AgentName,
  Channel,
  LeadFields,
  Tenant,
  TurnAction,
  Wish,
} from '@receptionist/domain';
import type { Command, Expectation, Language } from '../dialogue/commands.ts';
import type { Verification } from '../flows/verification.flow.ts';

/** Everything the graph remembers about a conversation; checkpointed after every turn. */
export interface ChatLine {
  role: 'caller' | 'agent';
  text: string;
  agent?: AgentName;
}

export type Lead = LeadFields & { score?: number };

/** A change to the calendar the caller has been asked to confirm; checked in code before it runs. */
export interface PendingConfirmation {
  action: 'book' | 'cancel' | 'reschedule';
  /** Identifies exactly what was read back: service|startsAt, or the booking id. */
  key: string;
  readBack: string;
  askedAtTurn: number;
}

export interface BookingDraft {
  /** The flow in progress: booking a new visit, cancelling or moving one, or none. */
  flow?: 'book' | 'cancel' | 'reschedule';
  service?: string;
  /** When the caller wants to come, as they said it; offers are searched from it. */
  wish?: Wish;
  name?: string;
  /** Slots offered to the caller (ISO instants), in the order they were offered. */
  offers: string[];
  startsAt?: string;
  pending?: PendingConfirmation;
  /** Bookings the caller has (looked up on request), for cancel and reschedule. */
  existing?: { bookingId: string; service: string; startsAt: string }[];
  /** The caller's booking being moved, while we wait for the new time. */
  rescheduling?: string;
  /**
   * The waitlist of the day the caller named: `day` once the search found it full (offered in
   * turn `offeredAtTurn`, `joined` once they are on it); `wanted` while we ask which day.
   */
  waitlist?: { day?: string; offeredAtTurn?: number; joined?: boolean; wanted?: boolean };
  /** The booking made in this conversation. */
  booked?: {
    bookingId: string;
    service: string;
    startsAt: string;
    status: string;
    depositUrl?: string;
    depositAmountMinor: number;
    currency: string;
    /** The booking workflow already texted the confirmation or the deposit link. */
    confirmationTexted?: boolean;
  };
}

export interface EscalationState {
  escalated: boolean;
  awaitingMessage: boolean;
  /** A question we could not answer, to pass on when the caller accepts a callback. */
  about?: string;
}

export interface TurnUsage {
  inputTokens: number;
  outputTokens: number;
  costMicroUsd: number;
  modelLatencyMs: number;
}

/** What this turn produced so far; reset by triage at the start of every turn. */
export interface TurnOutput {
  replies: string[];
  actions: TurnAction[];
  /** The specialist that spoke last this turn. */
  agent: AgentName;
  usedKnowledge: string[];
  toolFailed: boolean;
  smsSent: boolean;
}

export interface ConversationState {
  messages: ChatLine[];
  /** The language the conversation is in (the caller's). */
  language: Language;
  /** What the last reply asked the caller, so a bare answer lands in the right place. */
  expecting: Expectation | null;
  /** How often each question was asked in this conversation: nothing is asked a third time. */
  asks: Record<string, number>;
  /** This turn's commands, as the brain understood the caller; kept for the confirmation check. */
  heard: Command[];
  /** Commands of this turn that no specialist has acted on yet. */
  todo: Command[];
  /** What the caller heard last, for "say that again". */
  lastReply: string;
  /** The one-time code that proves a caller owns the number, while it is asked for. */
  verification?: Verification;
  /** The call (CallSid) or 'sms' the last turn came on: a new call starts its flows afresh. */
  session: string;
  lead: Lead;
  currentAgent: AgentName;
  /** Routing decision written by the node that just ran; edges read only this. */
  next: AgentName | null;
  hops: number;
  turn: number;
  bookingDraft: BookingDraft;
  escalationState: EscalationState;
  out: TurnOutput;
}

/** Per-turn facts that are not state: who is calling, where to stream, when to stop. */
export interface TurnContext {
  tenant: Tenant;
  contactId: string;
  conversationRowId: string;
  callId: string | null;
  callerPhone: string;
  channel: Channel;
  text: string;
  /** Keypad digits pressed this turn. */
  digits?: string;
  /** The caller owns the number (a text, or a fully attested caller ID). */
  callerVerified: boolean;
  /** The call (CallSid) or 'sms' this turn came on. */
  session: string;
  /** Set when the caller cut the previous reply short: only this much of it was heard. */
  interruptedSpokenText?: string;
  now: Date;
  brain: { active: 'claude' | 'offline'; used: 'claude' | 'offline' | null };
  usage: TurnUsage;
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
}
