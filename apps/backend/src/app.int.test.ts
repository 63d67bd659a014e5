import { Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { loadBackendConfig } from '@receptionist/config';
import { createPool, createRedis } from '@receptionist/db';
import { createLogger, createMetrics } from '@receptionist/observability';
import {
  checkReadinessFollowsDependencies,
  createTestDatabase,
  waitFor,
} from '@receptionist/testing';
import { createApp } from './app.ts';

function build(
  urls: { databaseUrl: string; redisUrl: string },
  temporalAddress = process.env.TEMPORAL_ADDRESS!,
) {
  const config = loadBackendConfig({
    DATABASE_URL: urls.databaseUrl,
    REDIS_URL: urls.redisUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    PUBLIC_BASE_URL: 'https://voice.example.test',
  });
  const logger = createLogger({ service: 'backend', level: 'silent' });
  const db = createPool({ connectionString: config.DATABASE_URL, max: 2 });
  const redis = createRedis(config.REDIS_URL);
  redis.on('error', () => undefined);
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
  const app = createApp({
    config,
    logger,
    metrics: createMetrics('backend'),
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

describe('backend health', () => {
  it('/ready follows Postgres and Redis going down and coming back', async () => {
    await checkReadinessFollowsDependencies(async (urls) => build(urls));
  }, 60_000);

  it('/ready names Temporal when it cannot be reached; /health stays up', async () => {
    const tdb = await createTestDatabase();
    const { app, close } = build(
      { databaseUrl: tdb.url, redisUrl: process.env.REDIS_URL! },
      '127.0.0.1:1',
    );
    try {
      let ready = await request(app).get('/ready');
      await waitFor(async () => {
        ready = await request(app).get('/ready');
        return ready.body.checks.redis === 'ok' && ready.body.checks.postgres === 'ok';
      });
      expect(ready.status).toBe(503);
      expect(ready.body.failed).toEqual(['temporal']);
      expect((await request(app).get('/health')).status).toBe(200);
      const metrics = await request(app).get('/metrics');
      expect(metrics.text).toContain('http_request_duration_seconds_bucket');
      const missing = await request(app).get('/nope');
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('not_found');
    } finally {
      await close();
      await tdb.drop();
    }
  }, 20_000);
});
