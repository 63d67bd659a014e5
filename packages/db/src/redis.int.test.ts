import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@receptionist/testing';
import { createBestEffortCache, createRedis, type Redis } from './redis.ts';

const clients: Redis[] = [];
const client = (url: string) => {
  const c = createRedis(url, { keyPrefix: `test:${randomBytes(4).toString('hex')}:` });
  c.on('error', () => undefined);
  clients.push(c);
  return c;
};
afterAll(() => clients.forEach((c) => c.disconnect()));
const ready = (r: Redis) =>
  r.status === 'ready' ? Promise.resolve() : new Promise((ok) => r.once('ready', ok));

describe('Redis on the caller path', () => {
  it('keeps what this process wrote when Redis lost its data in a restart', async () => {
    const redis = client(process.env.REDIS_URL!);
    const cache = createBestEffortCache(redis);
    await cache.set('call', 'ctx-1', 60);
    expect(await redis.get('call')).toBe('ctx-1');
    await redis.del('call');
    expect(await cache.get('call')).toBe('ctx-1');
    // Redis is the shared truth whenever it answers: another replica's newer write wins.
    await redis.set('call', 'ctx-2');
    expect(await cache.get('call')).toBe('ctx-2');
  });

  it('answers at once from its own copy while Redis is away, and never throws', async () => {
    const redis = client(process.env.REDIS_URL!);
    await ready(redis);
    const errors: string[] = [];
    const cache = createBestEffortCache(redis, { onError: (_e, op) => errors.push(op) });
    await cache.set('k', 'v', 60);
    redis.disconnect();
    const started = performance.now();
    expect(await cache.get('k')).toBe('v');
    expect(await cache.set('k2', 'w', 60, { onlyIfAbsent: true })).toBe(true);
    expect(await cache.set('k2', 'x', 60, { onlyIfAbsent: true })).toBe(false);
    expect(await cache.get('k2')).toBe('w');
    expect(await cache.get('never-written')).toBeNull();
    expect(performance.now() - started).toBeLessThan(500);
    expect(errors.length).toBeGreaterThanOrEqual(3);
  });

  it('fails a command fast when Redis never answered, instead of waiting forever', async () => {
    const redis = client(`redis://127.0.0.1:${await freePort()}`);
    const started = performance.now();
    await expect(redis.get('x')).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('keeps only the newest entries of its own copy', async () => {
    const redis = client(`redis://127.0.0.1:${await freePort()}`);
    const cache = createBestEffortCache(redis, { maxEntries: 2 });
    await Promise.all([cache.set('a', '1', 60), cache.set('b', '2', 60), cache.set('c', '3', 60)]);
    expect(await Promise.all(['a', 'b', 'c'].map((k) => cache.get(k)))).toEqual([null, '2', '3']);
  });
});
