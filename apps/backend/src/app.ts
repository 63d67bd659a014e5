import type express from 'express';
import type { BackendConfig } from '@receptionist/config';
import type { Db, Redis } from '@receptionist/db';
import { pingDb, pingRedis } from '@receptionist/db';
import type { Logger, Metrics } from '@receptionist/observability';
import { createServiceApp } from '@receptionist/observability/http';
import { createAdminRouter, maskPhoneNumbersInUrl, type AdminDeps } from './admin/index.ts';
import { createWebhooksRouter, type WebhooksDeps } from './webhooks/webhooks.router.ts';
import { createTwilioRouter, type TwilioDeps } from './twilio/twilio.router.ts';
import { createPaymentPagesRouter } from './pages/payment-pages.routes.ts';
import { createConsoleRouter } from './console/console.router.ts';
import { createTryItRouter } from './console/try-it.routes.ts';
import { createLiveRouter } from './console/live.routes.ts';

export interface BackendDeps {
  config: BackendConfig;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  redis: Redis;
  /** Resolves when the Temporal frontend answers. */
  temporalHealth: () => Promise<unknown>;
  /** The admin API's own ports; without them /admin/v1 is not mounted. */
  admin?: Pick<
    AdminDeps,
    | 'bookingCommands'
    | 'knowledgeIndex'
    | 'outboundCalls'
    | 'crmSync'
    | 'knowledgeIngest'
    | 'followUps'
    | 'reportSchedules'
  >;
  /** Stripe and Cal.com webhooks; absent, /webhooks/* is not served. */
  webhooks?: Pick<WebhooksDeps, 'bookings' | 'stripe'>;
  /** The Twilio voice/SMS channel: its agent client and workflow port. */
  twilio?: Pick<TwilioDeps, 'agent' | 'workflows' | 'outbound' | 'tenants'>;
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
    configure: (a) => a.use(['/admin/v1', '/console/api'], maskPhoneNumbersInUrl),
  });
  if (deps.admin) {
    const adminRouter = createAdminRouter({ ...deps, ...deps.admin });
    app.use('/admin/v1', adminRouter);
    // The staff console: its session layer calls the same admin router with the signed-in key.
    app.use(
      '/console',
      createConsoleRouter({
        db: deps.db,
        adminRouter,
        tryIt: createTryItRouter({ db: deps.db, logger: deps.logger, agent: deps.twilio?.agent }),
        live: createLiveRouter({ db: deps.db, logger: deps.logger }),
        secureCookies: deps.config.NODE_ENV === 'production',
      }),
    );
  }
  if (deps.webhooks)
    app.use(
      '/webhooks',
      createWebhooksRouter({
        db: deps.db,
        logger: deps.logger,
        ...deps.webhooks,
      }),
    );
  if (deps.twilio) app.use('/twilio', createTwilioRouter({ ...deps, ...deps.twilio }));
  // Stripe Checkout's success and cancel pages (the worker puts these URLs on each session).
  app.use('/bookings', createPaymentPagesRouter({ db: deps.db }));
  return finish();
}
