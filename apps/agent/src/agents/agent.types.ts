import type { AgentName, LeadFields, TurnAction, Wish } from '@receptionist/domain';

/** The values the conversation's state holds (see ConversationAnnotation). */
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
  /** The brain that read the caller's words this turn; null until triage has read them. */
  brain: 'claude' | 'offline' | null;
  /** What reading the caller's words cost (a model call's tokens and latency). */
  usage: TurnUsage;
}
