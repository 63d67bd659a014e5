import type express from 'express';
import type { Db, Redis } from '@receptionist/db';
import { pingDb, pingRedis } from '@receptionist/db';
import type { Logger, Metrics } from '@receptionist/observability';
import { createServiceApp } from '@receptionist/observability/http';

export interface WorkerHealthDeps {
  logger: Logger;
  metrics: Metrics;
  db: Db;
  redis: Redis;
  temporalHealth: () => Promise<unknown>;
  /** The Temporal worker's own state; anything but RUNNING means tasks are not being polled. */
  workerState: () => string;
}

export function createHealthApp(deps: WorkerHealthDeps): express.Express {
  const { finish } = createServiceApp({
    logger: deps.logger,
    metrics: deps.metrics,
    checks: {
      postgres: () => pingDb(deps.db),
      redis: () => pingRedis(deps.redis),
      temporal: deps.temporalHealth,
      worker: async () => {
        const state = deps.workerState();
        if (state !== 'RUNNING') throw new Error(`worker ${state}`);
      },
    },
  });
  return finish();
}
