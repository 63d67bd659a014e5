import { z } from 'zod';

/**
 * The contract between the channels (Twilio voice and SMS in the backend) and the agent service.
 * Both sides validate with these schemas, so a change here is a change to both.
 */
export const agentNames = [
  'triage',
  'qualification',
  'faq',
  'objection_handler',
  'booking',
  'closing',
  'escalation',
] as const;
export type AgentName = (typeof agentNames)[number];

export const channels = ['voice', 'sms'] as const;
export type Channel = (typeof channels)[number];

export const turnRequestSchema = z.strictObject({
  tenantId: z.uuid(),
  conversationId: z.string().min(1).max(128),
  channel: z.enum(channels),
  /** What the caller said (speech recognised by Twilio) or texted. */
  text: z.string().max(4_000),
  /** Caller's number in E.164. */
  callerPhone: z.string().regex(/^\+[1-9]\d{6,14}$/),
  /** Digits pressed on the keypad during this turn, if any. */
  digits: z
    .string()
    .regex(/^[0-9*#]{1,32}$/)
    .optional(),
  /** Set when the caller interrupted the previous reply: only this much of it was heard. */
  interruptedReply: z.object({ spokenText: z.string().max(4_000) }).optional(),
  callSid: z.string().max(64).optional(),
  /**
   * The caller is known to own `callerPhone`: a text (carrier-routed), or a call whose caller ID
   * passed STIR/SHAKEN with full attestation. Without it, existing bookings are only read or changed
   * after a one-time code texted to the number is read back.
   */
  callerVerified: z.boolean().optional(),
  /**
   * Names this turn, unique within the tenant; the channel derives it from the provider's ids (an
   * SMS's MessageSid, a call's CallSid and turn number). A retry carrying the same id is answered
   * with the first attempt's reply and the turn is stored once, however often it is asked.
   */
  turnId: z
    .string()
    .regex(/^[\w:.-]{1,128}$/)
    .optional(),
});
export type TurnRequest = z.infer<typeof turnRequestSchema>;

/**
 * What a channel tells the agent service about a turn after it happened (POST /v1/turns/report).
 * The agent service is the only writer of a conversation's transcript; the channel reports what
 * only it knows: how much of the reply the caller heard before cutting in, that it gave up
 * waiting and said its own words instead (with the caller's words the agent may never have
 * received), and the time the whole hop took on our side.
 */
export const turnReportSchema = z.strictObject({
  tenantId: z.uuid(),
  conversationId: z.string().min(1).max(128),
  channel: z.enum(channels),
  callerPhone: z.string().regex(/^\+[1-9]\d{6,14}$/),
  callSid: z.string().max(64).optional(),
  /** The turn's id when it had one (a Gather turn); its rows are then found by their keys. */
  turnId: z
    .string()
    .regex(/^[\w:.-]{1,128}$/)
    .optional(),
  /** The caller's words of a turn the agent did not answer; stored once. */
  callerText: z.string().max(4_000).optional(),
  /** What the caller actually heard in place of the reply: the words spoken before a barge-in, or the channel's own apology. */
  heard: z.string().max(4_000).optional(),
  /** The reply as the agent produced it, which finds it in a turn without an id. */
  reply: z.string().max(4_000).optional(),
  /** Milliseconds the channel spent on the turn, from the provider's request to its answer. */
  channelLatencyMs: z.number().int().nonnegative().max(3_600_000).optional(),
});
export type TurnReport = z.infer<typeof turnReportSchema>;

export const turnActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('transfer'), to: z.string(), summary: z.string() }),
  z.object({ type: z.literal('end_call') }),
  z.object({ type: z.literal('send_sms'), to: z.string(), body: z.string() }),
  z.object({
    type: z.literal('booking_started'),
    bookingId: z.string(),
    startsAt: z.string(),
    service: z.string(),
  }),
  z.object({
    type: z.literal('booking_confirmed'),
    bookingId: z.string(),
    startsAt: z.string(),
    service: z.string(),
  }),
  z.object({ type: z.literal('take_message'), summary: z.string() }),
]);
export type TurnAction = z.infer<typeof turnActionSchema>;

export const turnResponseSchema = z.object({
  reply: z.string(),
  agent: z.enum(agentNames),
  actions: z.array(turnActionSchema),
  /** Which brain answered: Claude, or the rule-based offline brain. */
  brain: z.enum(['claude', 'offline']),
  usage: z.object({
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    costMicroUsd: z.number().int().nonnegative(),
    modelLatencyMs: z.number().int().nonnegative(),
  }),
  latencyMs: z.number().int().nonnegative(),
  /** Ids of the knowledge entries the reply was built from, so an answer can be traced to its source. */
  sources: z.array(z.string()).optional(),
  /**
   * The language of the reply as one of the tenant's BCP 47 tags ("en-US", "fr-CA", "es-US"):
   * the channel speaks and listens in it (Twilio `<Say>` voice, `<Gather language>`) and texts in it.
   */
  language: z.string().max(16).optional(),
});
export type TurnResponse = z.infer<typeof turnResponseSchema>;

/**
 * Streaming variant (POST /v1/turns/stream, text/event-stream): zero or more `delta` events carrying
 * reply text as the model produces it, then exactly one `done` event with the full TurnResponse.
 */
export const turnStreamEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({ type: z.literal('done'), response: turnResponseSchema }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type TurnStreamEvent = z.infer<typeof turnStreamEventSchema>;

/**
 * The `provider_sid` of the transcript rows of an identified turn: a retry adds nothing, and what
 * a channel reports the caller heard replaces the reply whether it was stored before or after.
 */
export function turnMessageSids(turnId: string): { caller: string; reply: string } {
  return { caller: `turn:${turnId}`, reply: `turn:${turnId}:reply` };
}
