import type express from 'express';
import type { BackendConfig } from '@receptionist/config';
import type { Db, Redis } from '@receptionist/db';
import { pingDb, pingRedis } from '@receptionist/db';
import type { Logger, Metrics } from '@receptionist/observability';
import { createServiceApp } from '@receptionist/observability/http';

export interface BackendDeps {
  config: BackendConfig;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  redis: Redis;
  /** Resolves when the Temporal frontend answers. */
  temporalHealth: () => Promise<unknown>;
}

export function createApp(deps: BackendDeps): express.Express {
  const { finish } = createServiceApp({
    logger: deps.logger,
    metrics: deps.metrics,
    checks: {
      postgres: () => pingDb(deps.db),
      redis: () => pingRedis(deps.redis),
      temporal: deps.temporalHealth,
    },
  });
  return finish();
}
