import { Annotation } from '@langchain/langgraph';
import type { AgentName, Channel, Tenant } from '@receptionist/domain';
import type {
  BookingDraft,
  ChatLine,
  EscalationState,
  Lead,
  TurnOutput,
  TurnUsage,
} from '../agents/agent.types.ts';
import type { Command, Expectation, Language } from '../dialogue/commands.ts';
import type { Verification } from '../flows/verification.flow.ts';

const last = <T>(init: () => T) => Annotation<T>({ reducer: (_old, next) => next, default: init });

export const noUsage = (): TurnUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  costMicroUsd: 0,
  modelLatencyMs: 0,
});

export const emptyOutput = (): TurnOutput => ({
  replies: [],
  actions: [],
  agent: 'triage',
  usedKnowledge: [],
  toolFailed: false,
  smsSent: false,
  brain: null,
  usage: noUsage(),
});

/**
 * Everything the graph remembers about a conversation; checkpointed after every turn. Every field
 * is replaced whole by the node that writes it.
 */
export const ConversationAnnotation = Annotation.Root({
  messages: last<ChatLine[]>(() => []),
  lead: last<Lead>(() => ({})),
  currentAgent: last<AgentName>(() => 'triage'),
  /** Routing decision written by the node that just ran; edges read only this. */
  next: last<AgentName | null>(() => null),
  /** Specialists that have spoken this turn. */
  hops: last<number>(() => 0),
  turn: last<number>(() => 0),
  bookingDraft: last<BookingDraft>(() => ({ offers: [] })),
  /** The language the conversation is in (the caller's). */
  language: last<Language>(() => 'en'),
  /** What the last reply asked the caller, so a bare answer lands in the right place. */
  expecting: last<Expectation | null>(() => null),
  /** How often each question was asked in this conversation: nothing is asked a third time. */
  asks: last<Record<string, number>>(() => ({})),
  /** This turn's commands, as the brain understood the caller; kept for the confirmation check. */
  heard: last<Command[]>(() => []),
  /** Commands of this turn that no specialist has acted on yet. */
  todo: last<Command[]>(() => []),
  /** What the caller heard last, for "say that again". */
  lastReply: last<string>(() => ''),
  /** The one-time code that proves a caller owns the number, while it is asked for. */
  verification: last<Verification | undefined>(() => undefined),
  /** The call (CallSid) or 'sms' the last turn came on: a new call starts its flows afresh. */
  session: last<string>(() => ''),
  escalationState: last<EscalationState>(() => ({ escalated: false, awaitingMessage: false })),
  out: last<TurnOutput>(emptyOutput),
});

export type ConversationState = typeof ConversationAnnotation.State;
export type ConversationUpdate = typeof ConversationAnnotation.Update;

/**
 * The graph's run context: per-turn facts that are not state (who is calling, where to stream,
 * when to stop). The nodes only read it; what a turn produces is state (`out`).
 */
export const TurnContextAnnotation = Annotation.Root({
  tenant: Annotation<Tenant>,
  contactId: Annotation<string>,
  conversationRowId: Annotation<string>,
  callId: Annotation<string | null>,
  callerPhone: Annotation<string>,
  channel: Annotation<Channel>,
  text: Annotation<string>,
  /** Keypad digits pressed this turn. */
  digits: Annotation<string | undefined>,
  /** The caller owns the number (a text, or a fully attested caller ID). */
  callerVerified: Annotation<boolean>,
  /** The call (CallSid) or 'sms' this turn came on. */
  session: Annotation<string>,
  /** Set when the caller cut the previous reply short: only this much of it was heard. */
  interruptedSpokenText: Annotation<string | undefined>,
  now: Annotation<Date>,
  /** The brain configured to read the caller's words; the offline one stands in when it fails. */
  brain: Annotation<'claude' | 'offline'>,
  signal: Annotation<AbortSignal | undefined>,
  onDelta: Annotation<((text: string) => void) | undefined>,
});

export type TurnContext = Readonly<typeof TurnContextAnnotation.State>;
