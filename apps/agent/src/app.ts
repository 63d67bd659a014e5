import type express from 'express';
import type { AgentConfig } from '@receptionist/config';
import type { Db, Redis } from '@receptionist/db';
import { pingDb, pingRedis } from '@receptionist/db';
import type { Logger, Metrics } from '@receptionist/observability';
import { createServiceApp } from '@receptionist/observability/http';
import { turnsRouter } from './routes/turns.routes.ts';
import type { TurnService } from './turn/turn.service.ts';

export interface AgentDeps {
  config: AgentConfig;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  redis: Redis;
  /** Resolves when the Temporal frontend answers. */
  temporalHealth: () => Promise<unknown>;
  /** The turn endpoints are mounted when the agent runtime is given. */
  turns?: TurnService;
}

export function createApp(deps: AgentDeps): express.Express {
  const { app, finish } = createServiceApp({
    logger: deps.logger,
    metrics: deps.metrics,
    checks: {
      postgres: () => pingDb(deps.db),
      redis: () => pingRedis(deps.redis),
      temporal: deps.temporalHealth,
    },
  });
  if (deps.turns) app.use(turnsRouter({ turns: deps.turns, logger: deps.logger }));
  return finish();
}
