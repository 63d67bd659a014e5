import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis, type TestRedis } from '@receptionist/testing';
import { ConversationBusyError, createConversationLock } from './conversation-lock.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await createTestRedis();
});
afterAll(async () => redis.cleanup());

describe('per-conversation lock', () => {
  it('makes a second turn wait for the first, and gives up when told not to wait', async () => {
    const waiting = createConversationLock({ redis: redis.client, ttlMs: 5_000, waitMs: 2_000 });
    const impatient = createConversationLock({ redis: redis.client, ttlMs: 5_000, waitMs: 0 });
    const release = await waiting.acquire('lock:a');
    await expect(impatient.acquire('lock:a')).rejects.toBeInstanceOf(ConversationBusyError);
    const order: string[] = [];
    const second = waiting.acquire('lock:a').then((r) => {
      order.push('second acquired');
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    order.push('first released');
    await release();
    await (
      await second
    )();
    expect(order).toEqual(['first released', 'second acquired']);
  });

  it('never frees a lock that expired and now belongs to another turn', async () => {
    const lock = createConversationLock({ redis: redis.client, ttlMs: 50, waitMs: 1_000 });
    const stale = await lock.acquire('lock:b');
    await new Promise((r) => setTimeout(r, 80));
    const current = await lock.acquire('lock:b');
    await stale();
    expect(await redis.client.exists('lock:b')).toBe(1);
    await current();
    expect(await redis.client.exists('lock:b')).toBe(0);
  });
});

describe('per-conversation lock with Redis away', () => {
  it("keeps a conversation's turns apart in this process and lets other conversations run", async () => {
    const { createRedis } = await import('@receptionist/db');
    const gone = createRedis(redis.url);
    gone.on('error', () => undefined);
    await new Promise((r) => gone.once('ready', r));
    gone.disconnect();
    const failures: unknown[] = [];
    const lock = createConversationLock({
      redis: gone,
      ttlMs: 5_000,
      waitMs: 300,
      onUnavailable: (err) => failures.push(err),
    });
    const first = await lock.acquire('lock:c');
    await expect(lock.acquire('lock:c')).rejects.toBeInstanceOf(ConversationBusyError);
    const other = await lock.acquire('lock:d');
    await first();
    const again = await lock.acquire('lock:c');
    await Promise.all([again(), other()]);
    expect(failures.length).toBeGreaterThan(0);
  });
});
