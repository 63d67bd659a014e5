import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  startRedisServer,
  waitFor,
  type ManagedServer,
  type TestDatabase,
} from '@receptionist/testing';
import type { Queryable } from '../pool.ts';
import { createRedis, type Redis } from '../redis.ts';
import { createTenantProfileCache, publishTenantProfileChange } from './tenant-profiles.cache.ts';
import { updateTenantProfile } from './tenant-profiles.repository.ts';
import { createTenant } from './tenants.repository.ts';

let tdb: TestDatabase;
const closers: (() => Promise<unknown> | void)[] = [];
const prefix = `test:${randomBytes(4).toString('hex')}:`;

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await tdb?.drop();
});

function redisAt(url: string): Redis {
  const r = createRedis(url, { keyPrefix: prefix });
  r.on('error', () => undefined);
  closers.push(() => r.disconnect());
  return r;
}

/** The pool, counting the profile reads that reach Postgres (and failing them on demand). */
function countingDb() {
  const db = {
    reads: 0,
    down: false,
    query: ((...args: never[]) => {
      db.reads++;
      if (db.down) return Promise.reject(new Error('postgres away'));
      return (tdb.pool.query as (...a: never[]) => unknown)(...args);
    }) as Queryable['query'],
  };
  return db;
}

function cacheOf(db: Queryable, redis?: Redis) {
  const cache = createTenantProfileCache({ db, redis, onError: () => undefined });
  closers.push(() => cache.close());
  return cache;
}

/** Until the cache answers from memory: its subscription is up. */
async function untilCaching(
  cache: ReturnType<typeof cacheOf>,
  db: ReturnType<typeof countingDb>,
  tenantId: string,
) {
  await waitFor(async () => {
    await cache.get(tenantId);
    const reads = db.reads;
    await cache.get(tenantId);
    return db.reads === reads;
  }, 5_000);
}

const tenant = (slug: string) =>
  createTenant(tdb.pool, { slug: `${slug}-${randomBytes(3).toString('hex')}`, name: slug });

describe('tenant profile cache', () => {
  it('an edit published by the writer is read by another process at once, not after the TTL', async () => {
    const t = await tenant('edited');
    const writerRedis = redisAt(process.env.REDIS_URL!);
    // Another process: its own Redis connection and its own copy.
    const db = countingDb();
    const other = cacheOf(db, redisAt(process.env.REDIS_URL!));
    await untilCaching(other, db, t.id);
    expect((await other.get(t.id))?.greeting).not.toBe('Welcome back');

    // What the admin API does: write, commit, publish.
    await updateTenantProfile(tdb.pool, t.id, { greeting: 'Welcome back' });
    await publishTenantProfileChange(writerRedis, t.id);
    const published = performance.now();
    let seen = false;
    while (!seen && performance.now() - published < 1_000) {
      seen = (await other.get(t.id))?.greeting === 'Welcome back';
      if (!seen) await new Promise((r) => setImmediate(r));
    }
    const latencyMs = performance.now() - published;
    console.info(`tenant profile edit seen by another process after ${latencyMs.toFixed(2)} ms`);
    // The TTL (30 s) is far off: only the published change can explain the new value.
    expect(seen).toBe(true);
    expect(latencyMs).toBeLessThan(1_000);
    // And it is cached again: the next read does not reach Postgres.
    const reads = db.reads;
    expect((await other.get(t.id))?.greeting).toBe('Welcome back');
    expect(db.reads).toBe(reads);
  });

  it('hears only its own deployment: another key prefix publishes on another channel', async () => {
    const t = await tenant('isolated');
    const db = countingDb();
    const cache = cacheOf(db, redisAt(process.env.REDIS_URL!));
    await untilCaching(cache, db, t.id);
    const stranger = createRedis(process.env.REDIS_URL!, { keyPrefix: `${prefix}other:` });
    closers.push(() => stranger.disconnect());
    await publishTenantProfileChange(stranger, t.id);
    await new Promise((r) => setTimeout(r, 50));
    const reads = db.reads;
    await cache.get(t.id);
    expect(db.reads).toBe(reads);
  });

  describe('with Redis down', () => {
    let server: ManagedServer;
    beforeAll(async () => {
      server = await startRedisServer();
      closers.push(() => server.destroy());
    });

    it('answers from Postgres, with every edit, until the subscription is back', async () => {
      const t = await tenant('redis-down');
      const db = countingDb();
      const cache = cacheOf(db, redisAt(server.url));
      await untilCaching(cache, db, t.id);
      await server.stop();

      // The writer cannot publish, and no copy is trusted while the subscription is down.
      await updateTenantProfile(tdb.pool, t.id, { greeting: 'Written while Redis is away' });
      await waitFor(
        async () => (await cache.get(t.id))?.greeting === 'Written while Redis is away',
        2_000,
      );
      const started = performance.now();
      await updateTenantProfile(tdb.pool, t.id, { greeting: 'And again' });
      expect((await cache.get(t.id))?.greeting).toBe('And again');
      expect(performance.now() - started).toBeLessThan(500);

      // Back up: copies read before the subscription was made again are not trusted.
      await server.start();
      await untilCaching(cache, db, t.id);
      expect((await cache.get(t.id))?.greeting).toBe('And again');
    });

    it('answers from Postgres when Redis was never reachable', async () => {
      const t = await tenant('no-redis');
      await server.stop();
      const cache = cacheOf(tdb.pool, redisAt(server.url));
      expect((await cache.get(t.id))?.name).toBe('no-redis');
      await updateTenantProfile(tdb.pool, t.id, { name: 'renamed' });
      expect((await cache.get(t.id))?.name).toBe('renamed');
      await server.start();
    });
  });

  it('keeps the last profile read for a call in progress while Postgres is away', async () => {
    const t = await tenant('pg-down');
    const db = countingDb();
    const cache = cacheOf(db);
    expect((await cache.get(t.id))?.id).toBe(t.id);
    db.down = true;
    expect((await cache.get(t.id))?.id).toBe(t.id);
    await expect(cache.get('00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      'postgres away',
    );
  });
});
