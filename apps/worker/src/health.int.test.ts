import { describe, it } from 'vitest';
import { Connection } from '@temporalio/client';
import { createPool, createRedis } from '@receptionist/db';
import { createLogger, createMetrics } from '@receptionist/observability';
import { checkReadinessFollowsDependencies } from '@receptionist/testing';
import { createHealthApp } from './health.ts';

describe('worker health', () => {
  it('/ready follows Postgres and Redis going down and coming back', async () => {
    await checkReadinessFollowsDependencies(async ({ databaseUrl, redisUrl }) => {
      const db = createPool({ connectionString: databaseUrl, max: 2 });
      const redis = createRedis(redisUrl);
      redis.on('error', () => undefined);
      const connection = Connection.lazy({ address: process.env.TEMPORAL_ADDRESS! });
      const app = createHealthApp({
        logger: createLogger({ service: 'worker', level: 'silent' }),
        metrics: createMetrics('worker'),
        db,
        redis,
        temporalHealth: () => connection.workflowService.getSystemInfo({}),
        workerState: () => 'RUNNING',
      });
      return {
        app,
        close: async () => {
          await connection.close();
          redis.disconnect();
          await db.end();
        },
      };
    });
  }, 60_000);
});
