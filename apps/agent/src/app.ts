import type express from 'express';
import type { AgentConfig } from '@receptionist/config';
import type { Db, Redis } from '@receptionist/db';
import { pingDb, pingRedis } from '@receptionist/db';
import type { Logger, Metrics } from '@receptionist/observability';
import { createServiceApp } from '@receptionist/observability/http';
import { agentAuth } from './routes/agent-auth.middleware.ts';
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
  if (deps.config.NODE_ENV === 'production' && !deps.config.AGENT_SHARED_SECRET)
    throw new Error('AGENT_SHARED_SECRET is required in production');
  const { app, finish } = createServiceApp({
    logger: deps.logger,
    metrics: deps.metrics,
    checks: {
      postgres: () => pingDb(deps.db),
      redis: () => pingRedis(deps.redis),
      temporal: deps.temporalHealth,
    },
  });
  // Health, readiness and metrics stay open (probes); every turn endpoint needs the secret.
  if (deps.turns) {
    app.use('/v1', agentAuth({ secret: deps.config.AGENT_SHARED_SECRET, logger: deps.logger }));
    app.use(turnsRouter({ turns: deps.turns, logger: deps.logger }));
  }
  return finish();
}
