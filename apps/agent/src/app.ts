import type express from 'express';
import type { AgentConfig } from '@receptionist/config';
import type { Db, Redis } from '@receptionist/db';
import { pingDb, pingRedis } from '@receptionist/db';
import type { Logger, Metrics } from '@receptionist/observability';
import { createServiceApp } from '@receptionist/observability/http';

export interface AgentDeps {
  config: AgentConfig;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  redis: Redis;
  /** Resolves when the Temporal frontend answers. */
  temporalHealth: () => Promise<unknown>;
}

export function createApp(deps: AgentDeps): express.Express {
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
