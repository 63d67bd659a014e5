import type { CommonConfig } from '@receptionist/config';
import { createPool, type Db } from './pool.ts';
import { createRedis, type Redis } from './redis.ts';
import {
  createTenantProfileCache,
  type TenantProfiles,
} from './repositories/tenant-profiles.cache.ts';

export interface ServiceStores {
  db: Db;
  redis: Redis;
  /** Profiles cached in-process; edits published by the admin API are heard at once. */
  tenants: TenantProfiles;
}

/**
 * The Postgres pool, the Redis client and the tenant-profile cache a service process opens, each
 * handed to `onShutdown` as it opens (a shutdown that closes newest first ends with the pool).
 * Connection losses are logged and healed by reconnecting: they must not crash the process.
 */
export function openServiceStores(opts: {
  config: Pick<
    CommonConfig,
    'DATABASE_URL' | 'DATABASE_POOL_MAX' | 'REDIS_URL' | 'REDIS_KEY_PREFIX'
  >;
  service: string;
  logger: { warn: (obj: object, msg: string) => void };
  onShutdown: (name: string, close: () => Promise<unknown>) => void;
}): ServiceStores {
  const { config, service, logger } = opts;
  const db = createPool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    applicationName: service,
    onError: (err) => logger.warn({ err }, 'idle postgres client lost'),
  });
  opts.onShutdown('postgres', () => db.end());
  const redis = createRedis(config.REDIS_URL, {
    keyPrefix: config.REDIS_KEY_PREFIX,
    name: service,
  });
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis error'));
  opts.onShutdown('redis', () => redis.quit());
  const tenants = createTenantProfileCache({
    db,
    redis,
    onError: (err) => logger.warn({ err }, 'tenant profile subscription error'),
  });
  opts.onShutdown('tenant-profiles', () => tenants.close());
  return { db, redis, tenants };
}
