// The payments sandbox process that scripts/dev.sh starts when no Stripe key is configured.
// Never part of a deployment: the config refuses NODE_ENV=production.
import { loadOrExit, loadPaymentsSandboxConfig } from '@receptionist/config';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { startConfiguredService } from '@receptionist/observability/process';
import { createPaymentsSandbox } from './sandbox.ts';

const config = loadOrExit(loadPaymentsSandboxConfig);
const proc = startConfiguredService('payments-sandbox', config);
const { logger, metrics } = proc;

const sandbox = createPaymentsSandbox({
  publicUrl: config.PAYMENTS_SANDBOX_PUBLIC_URL,
  webhookUrl: config.PAYMENTS_SANDBOX_WEBHOOK_URL,
  webhookSecret: config.STRIPE_WEBHOOK_SECRET,
  webhookAttempts: config.PAYMENTS_SANDBOX_WEBHOOK_ATTEMPTS,
  webhookRetryMs: config.PAYMENTS_SANDBOX_WEBHOOK_RETRY_MS,
  stateFile: config.PAYMENTS_SANDBOX_STATE_FILE,
  logger,
  metrics,
  breakers: createBreakerFactory({ registry: metrics.registry, logger }),
});

// Deliveries under way finish (within the shutdown budget); pending retries are dropped.
proc.onShutdown('webhooks', async () => {
  await Promise.race([sandbox.idle(), new Promise((r) => setTimeout(r, 2_000))]);
  sandbox.close();
});
await proc.listen({
  app: sandbox.app,
  host: config.PAYMENTS_SANDBOX_HOST,
  port: config.PAYMENTS_SANDBOX_PORT,
});
logger.info(
  { api: config.PAYMENTS_SANDBOX_PUBLIC_URL, webhook: config.PAYMENTS_SANDBOX_WEBHOOK_URL },
  'payments sandbox: point STRIPE_API_BASE_URL here',
);
