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

/** Two turns of one conversation never run at once, across every replica. */
export function createConversationLock(deps: { redis: Redis; ttlMs: number; waitMs: number }) {
  return {
    async acquire(key: string, signal?: AbortSignal): Promise<() => Promise<void>> {
      const token = randomUUID();
      const deadline = Date.now() + deps.waitMs;
      let delay = 10;
      for (;;) {
        const ok = await deps.redis.set(key, token, 'PX', deps.ttlMs, 'NX');
        if (ok === 'OK') {
          return async () => {
            await deps.redis.eval(RELEASE, 1, key, token);
          };
        }
        if (Date.now() + delay > deadline || signal?.aborted) throw new ConversationBusyError();
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 100);
      }
    },
  };
}

export type ConversationLock = ReturnType<typeof createConversationLock>;
