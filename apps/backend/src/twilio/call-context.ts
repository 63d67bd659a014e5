import type { Redis } from '@receptionist/db';

/** What the turn webhooks of one call share; lives in Redis for the length of a call. */
export interface CallContext {
  tenantId: string;
  callId: string;
  callSid: string;
  contactId: string;
  /** The key the agent service knows this contact's conversation by. */
  conversationKey: string;
  /** The conversation row both the agent service and the channel write the turns to. */
  conversationId: string;
  callerPhone: string;
  businessPhone: string;
  noSpeech: number;
  spoke: boolean;
  /** A turn whose answer the agent has not given yet (slow or down): retried on redirect. */
  pending?: { text: string; digits?: string; turnId: string; attempts: number };
  /** Numbers the caller's Gather turns, for the turn ids the agent recognises a retry by. */
  turnSeq?: number;
  transferSummary?: string;
  /**
   * The conversation's language (one of the tenant's tags): the last reply's, or what the caller
   * booked in before. The backend's own sentences, the voice and speech recognition follow it.
   */
  language?: string;
  /** The caller ID passed STIR/SHAKEN with full attestation. */
  callerVerified?: boolean;
  /** Numbers the texts sent during this call, for their idempotency keys. */
  smsSeq: number;
}

const TTL_SECONDS = 4 * 60 * 60;
const key = (callSid: string) => `twilio:call:${callSid}`;

export async function saveCallContext(redis: Redis, ctx: CallContext): Promise<void> {
  await redis.set(key(ctx.callSid), JSON.stringify(ctx), 'EX', TTL_SECONDS);
}

export async function loadCallContext(redis: Redis, callSid: string): Promise<CallContext | null> {
  const raw = await redis.get(key(callSid));
  return raw ? (JSON.parse(raw) as CallContext) : null;
}

/** Creates the context only if the call has none yet, so a replayed webhook keeps the live one. */
export async function initCallContext(redis: Redis, ctx: CallContext): Promise<CallContext> {
  const created = await redis.set(key(ctx.callSid), JSON.stringify(ctx), 'EX', TTL_SECONDS, 'NX');
  if (created) return ctx;
  return (await loadCallContext(redis, ctx.callSid)) ?? ctx;
}
