import { randomUUID } from 'node:crypto';
import type { Redis } from '@receptionist/db';

export class ConversationBusyError extends Error {
  constructor() {
    super('another turn of this conversation is still running');
    this.name = 'ConversationBusyError';
  }
}

// Deletes the lock only while it is still ours: a turn that outlived its TTL must not free the
// lock a later turn now holds.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Two turns of one conversation never run at once, across every replica. While Redis is away the
 * lock is this process's own: turns of one call keep apart on the replica that serves them, and
 * the call goes on instead of failing for want of a lock.
 */
export function createConversationLock(deps: {
  redis: Redis;
  ttlMs: number;
  waitMs: number;
  onUnavailable?: (err: unknown) => void;
}) {
  // This process's holders, with the same expiry as the Redis lock's.
  const held = new Map<string, { token: string; until: number }>();
  const heldByOther = (key: string) => {
    const h = held.get(key);
    if (h && h.until <= Date.now()) held.delete(key);
    return held.has(key);
  };
  const hold = (key: string, token: string) =>
    held.set(key, { token, until: Date.now() + deps.ttlMs });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** 'ours', 'taken', or 'local' when Redis did not answer and the process's own lock was taken. */
  async function tryTake(key: string, token: string): Promise<'ours' | 'taken' | 'local'> {
    try {
      const ok = await deps.redis.set(key, token, 'PX', deps.ttlMs, 'NX');
      if (ok !== 'OK') return 'taken';
    } catch (err) {
      deps.onUnavailable?.(err);
      if (heldByOther(key)) return 'taken';
      hold(key, token);
      return 'local';
    }
    // Held in Redis; a local holder (taken while Redis was away) still runs and is waited for.
    if (heldByOther(key)) {
      await deps.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
      return 'taken';
    }
    hold(key, token);
    return 'ours';
  }

  return {
    async acquire(key: string, signal?: AbortSignal): Promise<() => Promise<void>> {
      const token = randomUUID();
      const deadline = Date.now() + deps.waitMs;
      let delay = 10;
      for (;;) {
        const got = await tryTake(key, token);
        if (got !== 'taken') {
          return async () => {
            if (held.get(key)?.token === token) held.delete(key);
            if (got === 'ours') await deps.redis.eval(RELEASE, 1, key, token);
          };
        }
        if (Date.now() + delay > deadline || signal?.aborted) throw new ConversationBusyError();
        await sleep(delay);
        delay = Math.min(delay * 2, 100);
      }
    },
  };
}

export type ConversationLock = ReturnType<typeof createConversationLock>;
