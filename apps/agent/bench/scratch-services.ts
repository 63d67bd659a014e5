import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  createPool,
  createRedis,
  migrate,
  seedDemoTenant,
  type Db,
  type Redis,
} from '@receptionist/db';

/**
 * A throwaway migrated database and a Redis key prefix of its own, on the local services, for the
 * benchmark and eval scripts (which run outside vitest).
 */
export async function scratchServices(): Promise<{
  databaseUrl: string;
  redisUrl: string;
  db: Db;
  redis: Redis;
  tenantId: string;
  close(): Promise<void>;
}> {
  const base = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!base || !redisUrl)
    throw new Error('DATABASE_URL and REDIS_URL are required (source scripts/lib/env.sh)');
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const name = `scratch_${randomBytes(5).toString('hex')}`;
  const a = new pg.Client({ connectionString: admin.toString() });
  await a.connect();
  await a.query(`CREATE DATABASE ${name}`);
  await a.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const databaseUrl = u.toString();
  await migrate(databaseUrl);
  const db = createPool({ connectionString: databaseUrl, max: 30 });
  const prefix = `${name}:`;
  const redis = createRedis(redisUrl, { keyPrefix: prefix });
  const { tenantId } = await seedDemoTenant(db);
  return {
    databaseUrl,
    redisUrl,
    db,
    redis,
    tenantId,
    async close() {
      await db.end();
      const keys = await redis.keys('*');
      // keys() returns prefixed names; del() would prefix them again.
      if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
      redis.disconnect();
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
