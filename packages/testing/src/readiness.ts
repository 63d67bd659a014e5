import type { RequestListener } from 'node:http';
import request from 'supertest';
import { expect } from 'vitest';
import { startPostgresServer, startRedisServer, waitFor } from './services.ts';

/**
 * Stops and starts a real PostgreSQL and a real Redis under a running app and checks that
 * /ready follows: 503 naming the dependency while it is down, 200 once it is back.
 */
export async function checkReadinessFollowsDependencies(
  build: (urls: {
    databaseUrl: string;
    redisUrl: string;
  }) => Promise<{ app: RequestListener; close: () => Promise<void> }>,
): Promise<void> {
  const pg = await startPostgresServer();
  const redis = await startRedisServer();
  const { app, close } = await build({ databaseUrl: pg.url, redisUrl: redis.url });
  const ready = async () => request(app).get('/ready');
  try {
    await waitFor(
      async () => (await ready()).status === 200,
      15_000,
      'ready with all dependencies up',
    );

    await pg.stop();
    const pgDown = await ready();
    expect(pgDown.status).toBe(503);
    expect(pgDown.body.failed).toEqual(['postgres']);
    await pg.start();
    await waitFor(
      async () => (await ready()).status === 200,
      15_000,
      'ready after postgres returned',
    );

    await redis.stop();
    await waitFor(
      async () => (await ready()).status === 503,
      5_000,
      'not ready after redis stopped',
    );
    expect((await ready()).body.failed).toEqual(['redis']);
    await redis.start();
    await waitFor(async () => (await ready()).status === 200, 15_000, 'ready after redis returned');
  } finally {
    await close();
    await pg.destroy();
    await redis.destroy();
  }
}
