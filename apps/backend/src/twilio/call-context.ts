import { createBestEffortCache, type BestEffortCache, type Redis } from '@receptionist/db';

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
  pending?: {
    text: string;
    digits?: string;
    turnId: string;
    attempts: number;
    /** When the agent first failed to answer this turn (ms since the epoch). */
    since?: number;
  };
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

// A Redis restart (which loses its data) or outage must not end the calls in progress: the
// context is also kept in this process, and read from there when Redis has none or is away.
const caches = new WeakMap<Redis, BestEffortCache>();
function cacheOf(redis: Redis): BestEffortCache {
  let cache = caches.get(redis);
  if (!cache) {
    cache = createBestEffortCache(redis, { maxEntries: 20_000 });
    caches.set(redis, cache);
  }
  return cache;
}

export async function saveCallContext(redis: Redis, ctx: CallContext): Promise<void> {
  await cacheOf(redis).set(key(ctx.callSid), JSON.stringify(ctx), TTL_SECONDS);
}

export async function loadCallContext(redis: Redis, callSid: string): Promise<CallContext | null> {
  const raw = await cacheOf(redis).get(key(callSid));
  return raw ? (JSON.parse(raw) as CallContext) : null;
}

/** Creates the context only if the call has none yet, so a replayed webhook keeps the live one. */
export async function initCallContext(redis: Redis, ctx: CallContext): Promise<CallContext> {
  const created = await cacheOf(redis).set(key(ctx.callSid), JSON.stringify(ctx), TTL_SECONDS, {
    onlyIfAbsent: true,
  });
  if (created) return ctx;
  return (await loadCallContext(redis, ctx.callSid)) ?? ctx;
}
