import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export interface TestRedis {
  prefix: string;
  url: string;
  client: Redis;
  cleanup(): Promise<void>;
}

/** A Redis client whose keys all live under a prefix of their own; cleanup deletes them. */
export async function createTestRedis(): Promise<TestRedis> {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is required for tests (run scripts/test.sh)');
  const prefix = `test:${randomBytes(5).toString('hex')}:`;
  const client = new Redis(url, { keyPrefix: prefix, maxRetriesPerRequest: 2, lazyConnect: false });
  return {
    prefix,
    url,
    client,
    async cleanup() {
      const raw = new Redis(url);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          cursor = next;
          if (keys.length) await raw.del(...keys);
        } while (cursor !== '0');
      } finally {
        raw.disconnect();
        client.disconnect();
      }
    },
  };
}
