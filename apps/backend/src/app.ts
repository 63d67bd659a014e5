import type express from 'express';
import type { BackendConfig } from '@receptionist/config';
import type { Db, Redis } from '@receptionist/db';
import { pingDb, pingRedis } from '@receptionist/db';
import type { Logger, Metrics } from '@receptionist/observability';
import { createServiceApp } from '@receptionist/observability/http';
import { createTwilioRouter, type TwilioDeps } from './twilio/twilio.router.ts';

export interface BackendDeps {
  config: BackendConfig;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  redis: Redis;
  /** Resolves when the Temporal frontend answers. */
  temporalHealth: () => Promise<unknown>;
  /** The Twilio voice/SMS channel: its agent client and workflow port. */
  twilio?: Pick<TwilioDeps, 'agent' | 'workflows'>;
}

export function createApp(deps: BackendDeps): express.Express {
  const { app, finish } = createServiceApp({
    logger: deps.logger,
    metrics: deps.metrics,
    checks: {
      postgres: () => pingDb(deps.db),
      redis: () => pingRedis(deps.redis),
      temporal: deps.temporalHealth,
    },
  });
  if (deps.twilio) app.use('/twilio', createTwilioRouter({ ...deps, ...deps.twilio }));
  return finish();
}
