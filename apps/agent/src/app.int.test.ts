import { Connection } from '@temporalio/client';
import { describe, it } from 'vitest';
import { loadAgentConfig } from '@receptionist/config';
import { createPool, createRedis } from '@receptionist/db';
import { createLogger, createMetrics } from '@receptionist/observability';
import { checkReadinessFollowsDependencies } from '@receptionist/testing';
import { createApp } from './app.ts';

function build(
  urls: { databaseUrl: string; redisUrl: string },
  temporalAddress = process.env.TEMPORAL_ADDRESS!,
) {
  const config = loadAgentConfig({
    DATABASE_URL: urls.databaseUrl,
    REDIS_URL: urls.redisUrl,
    TEMPORAL_ADDRESS: temporalAddress,
  });
  const logger = createLogger({ service: 'agent', level: 'silent' });
  const db = createPool({ connectionString: config.DATABASE_URL, max: 2 });
  const redis = createRedis(config.REDIS_URL);
  redis.on('error', () => undefined);
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
  const app = createApp({
    config,
    logger,
    metrics: createMetrics('agent'),
    db,
    redis,
    temporalHealth: () => connection.workflowService.getSystemInfo({}),
  });
  return {
    app,
    close: async () => {
      await connection.close();
      redis.disconnect();
      await db.end();
    },
  };
}

describe('agent health', () => {
  it('/ready follows Postgres and Redis going down and coming back', async () => {
    await checkReadinessFollowsDependencies(async (urls) => build(urls));
  }, 60_000);
});
