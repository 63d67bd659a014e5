import { Redis } from 'ioredis';

export type { Redis };

/** Hot per-call context, locks, rate limits and caches; every key carries the configured prefix. */
export function createRedis(url: string, opts: { keyPrefix?: string; name?: string } = {}): Redis {
  return new Redis(url, {
    keyPrefix: opts.keyPrefix ?? '',
    connectionName: opts.name,
    maxRetriesPerRequest: 2,
    // Keep reconnecting with a capped backoff: a Redis restart must heal without a process restart.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

export async function pingRedis(redis: Redis): Promise<void> {
  // A disconnected client would queue the PING until it reconnects; readiness must answer now.
  if (redis.status !== 'ready') throw new Error(`redis ${redis.status}`);
  const pong = await redis.ping();
  if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`);
}
