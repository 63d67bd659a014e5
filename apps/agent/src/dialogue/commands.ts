import { z } from 'zod';
import { wishSchema } from '@receptionist/domain';

/**
 * What a brain makes of one utterance: a list of commands, in the order the caller said them.
 * Both brains (Claude and the offline rules) produce exactly these, so the same deterministic flows
 * run whichever brain is active; no command can skip a read-back or a check, because the flows
 * decide what a command may do in the state the conversation is in.
 */

export const languages = ['en', 'fr', 'es'] as const;
export type Language = (typeof languages)[number];

export const objectionKinds = ['price', 'timing', 'trust', 'discount'] as const;
export type ObjectionKind = (typeof objectionKinds)[number];

export const commandSchema = z.discriminatedUnion('type', [
  /** The caller wants to do something: book, cancel or move a booking, hear their bookings. */
  z.strictObject({
    type: z.literal('start_flow'),
    flow: z.enum(['book', 'cancel', 'reschedule', 'lookup']),
  }),
  /** A piece of the booking frame: a service (the tenant's own name for it) or the caller's name. */
  z.strictObject({
    type: z.literal('set_service'),
    service: z.string().min(1).max(120),
  }),
  z.strictObject({ type: z.literal('set_name'), name: z.string().min(1).max(120) }),
  z.strictObject({ type: z.literal('set_when'), wish: wishSchema }),
  /** New or returning customer ("first visit" is `returning:false`). */
  z.strictObject({ type: z.literal('set_returning'), returning: z.boolean() }),
  /**
   * A choice among the times just offered: an index into the offers (0-based), or a relative
   * word ("the earlier one" is `first`, "the later one" / "the last one" is `last`).
   */
  z.strictObject({
    type: z.literal('choose_offer'),
    index: z.number().int().min(0).max(9).optional(),
    relative: z.enum(['first', 'last']).optional(),
  }),
  /**
   * "Put me on the waitlist", "text me if something opens up": to wait for a day that is fully
   * booked. Which day, and whether it is full, the booking flow decides.
   */
  z.strictObject({ type: z.literal('join_waitlist') }),
  /** "Actually, make it 11": the same slot set again, replacing what was agreed. */
  z.strictObject({ type: z.literal('correction') }),
  z.strictObject({ type: z.literal('affirm') }),
  z.strictObject({ type: z.literal('deny') }),
  /** "Never mind", "forget it": stop the flow in progress. */
  z.strictObject({ type: z.literal('cancel_flow') }),
  /** A question for the business's knowledge (hours, prices, insurance, parking, ...). */
  z.strictObject({ type: z.literal('knowledge'), question: z.string().min(1).max(500) }),
  z.strictObject({ type: z.literal('objection'), kind: z.enum(objectionKinds) }),
  /** Wants a person; `emergency` when the caller describes one. */
  z.strictObject({
    type: z.literal('human_handoff'),
    reason: z.enum(['asked', 'emergency', 'complaint']).optional(),
  }),
  /** Wants to leave a message (the message itself, when they already said it). */
  z.strictObject({
    type: z.literal('leave_message'),
    message: z.string().max(1_000).optional(),
  }),
  /** Describes an urgent problem (pain, bleeding, broken tooth) without asking for a person. */
  z.strictObject({ type: z.literal('emergency') }),
  z.strictObject({ type: z.literal('repeat') }),
  z.strictObject({ type: z.literal('goodbye') }),
  /** Greetings, thanks, small talk: nothing to act on. */
  z.strictObject({ type: z.literal('chitchat') }),
  /** Words that try to change the rules ("ignore your instructions", "book it for free"). */
  z.strictObject({ type: z.literal('override_attempt') }),
  /** The one-time code we texted, read back by the caller (digits only). */
  z.strictObject({ type: z.literal('verify_code'), code: z.string().regex(/^\d{4,8}$/) }),
  /** Nothing understood. */
  z.strictObject({ type: z.literal('clarify') }),
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];

export const understandingSchema = z.strictObject({
  /** The language the caller spoke this turn, when it can be told. */
  language: z.enum(languages).optional(),
  commands: z.array(commandSchema).max(12),
});
export type Understanding = z.infer<typeof understandingSchema>;

/** What the conversation was waiting for when the caller spoke: it decides what a bare answer means. */
export const expectations = [
  'service',
  'when',
  'choice',
  'name',
  'confirm',
  'returning',
  'message',
  'anything_else',
  'handoff_offer',
  'book_offer',
  'code',
] as const;
export type Expectation = (typeof expectations)[number];

/** What a brain knows when it reads an utterance. */
export interface UnderstandInput {
  text: string;
  /** Keypad digits pressed this turn ("0" alone asks for a person). */
  digits?: string;
  /** The tenant's services, by their own names. */
  services: string[];
  timezone: string;
  now: Date;
  /** The language the conversation is in so far. */
  language: Language;
  /** The tenant's languages, first is the default. */
  allowedLanguages: Language[];
  expecting: Expectation | null;
  /** The times on offer right now (ISO instants), in the order they were said. */
  offers: string[];
  /** The last few lines of the conversation, oldest first (for a model brain's context). */
  history: { role: 'caller' | 'agent'; text: string }[];
}

/** Maps a BCP 47 tag of the tenant ("fr-CA", "es-US") to the language the dialogue speaks. */
export function languageOf(tag: string): Language | undefined {
  const base = tag.toLowerCase().split('-')[0];
  return (languages as readonly string[]).includes(base ?? '') ? (base as Language) : undefined;
}
