import { Redis } from 'ioredis';

export type { Redis };

/** How long one Redis command may take before the caller's path gives up on it. */
const COMMAND_TIMEOUT_MS = 1_500;

/**
 * Hot per-call context, locks, rate limits and caches; every key carries the configured prefix.
 *
 * Commands fail fast once Redis has gone away: a command issued while disconnected is rejected at
 * once instead of waiting in ioredis's offline queue for a reconnect (which, with Redis down, made
 * every turn wait seconds and then fail). Until the first connection the queue stays on, so a
 * process that uses Redis right after start does not see spurious errors.
 */
export function createRedis(url: string, opts: { keyPrefix?: string; name?: string } = {}): Redis {
  const redis = new Redis(url, {
    keyPrefix: opts.keyPrefix ?? '',
    connectionName: opts.name,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // Keep reconnecting with a capped backoff: a Redis restart must heal without a process restart.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  redis.once('ready', () => {
    redis.options.enableOfflineQueue = false;
  });
  return redis;
}

export async function pingRedis(redis: Redis): Promise<void> {
  // A disconnected client would queue the PING until it reconnects; readiness must answer now.
  if (redis.status !== 'ready') throw new Error(`redis ${redis.status}`);
  const pong = await redis.ping();
  if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`);
}

/**
 * A cache in Redis that never fails its caller: while Redis is away (or lost its data in a
 * restart) the values written through this process are read from a bounded in-process copy, so
 * a call in progress keeps its state. Redis stays the source shared between replicas whenever it
 * answers; the copy only bridges the gap.
 */
export interface BestEffortCache {
  get(key: string): Promise<string | null>;
  set(
    key: string,
    value: string,
    ttlSeconds: number,
    opts?: { onlyIfAbsent?: boolean },
  ): Promise<boolean>;
}

export function createBestEffortCache(
  redis: Redis,
  opts: { maxEntries?: number; onError?: (err: unknown, op: 'get' | 'set') => void } = {},
): BestEffortCache {
  const max = opts.maxEntries ?? 10_000;
  const local = new Map<string, { value: string; expiresAt: number }>();
  const remember = (key: string, value: string, ttlSeconds: number) => {
    local.delete(key);
    local.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1_000 });
    // Oldest first out: a Map iterates in insertion order and a write re-inserts.
    while (local.size > max) local.delete(local.keys().next().value!);
  };
  const recall = (key: string) => {
    const hit = local.get(key);
    if (!hit) return null;
    if (hit.expiresAt <= Date.now()) {
      local.delete(key);
      return null;
    }
    return hit.value;
  };
  return {
    async get(key) {
      try {
        const value = await redis.get(key);
        if (value !== null) return value;
      } catch (err) {
        opts.onError?.(err, 'get');
      }
      return recall(key);
    },
    async set(key, value, ttlSeconds, setOpts = {}) {
      if (setOpts.onlyIfAbsent) {
        if (recall(key) !== null) return false;
        let created = true;
        try {
          created = (await redis.set(key, value, 'EX', ttlSeconds, 'NX')) === 'OK';
        } catch (err) {
          opts.onError?.(err, 'set');
        }
        if (created) remember(key, value, ttlSeconds);
        return created;
      }
      remember(key, value, ttlSeconds);
      try {
        await redis.set(key, value, 'EX', ttlSeconds);
      } catch (err) {
        opts.onError?.(err, 'set');
      }
      return true;
    },
  };
}
