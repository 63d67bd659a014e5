/**
 * The payments sandbox: Stripe's API subset (/v1), the Checkout page (/c/pay/:id) and signed
 * webhooks to the backend, in one Express app. For local runs and tests only.
 *
 *   const sb = await startPaymentsSandbox({ webhookUrl, webhookSecret, logger });
 *   new Stripe('sk_test_x', stripeClientOptions(sb.url));   // the real SDK talks to it
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createBreakerFactory, type BreakerFactory } from '@receptionist/integrations/breaker';
import { createMetrics, type Logger, type Metrics } from '@receptionist/observability';
import { createServiceApp } from '@receptionist/observability/http';
import { createCheckoutPageRouter, checkoutPathOf } from './checkout-page.routes.ts';
import { createPayments } from './payments.ts';
import { createSandboxStore } from './sandbox-store.ts';
import { createStripeApiRouter } from './stripe-api.routes.ts';
import { DEFAULT_API_VERSION, eventObject, type EventRecord } from './stripe-objects.ts';
import { createWebhookSender } from './webhook-sender.ts';

export { signatureHeader } from './webhook-sender.ts';
export { checkoutPathOf, CHECKOUT_PATH } from './checkout-page.routes.ts';
export { formatAmount, payButtonLabel } from './checkout-page.html.ts';

export interface PaymentsSandboxOptions {
  /** Base of the Checkout links put in sessions (http://127.0.0.1:12111). */
  publicUrl: string;
  /** The backend's Stripe webhook endpoint. */
  webhookUrl: string;
  webhookSecret: string;
  webhookAttempts?: number;
  webhookRetryMs?: number;
  stateFile?: string;
  logger: Logger;
  metrics?: Metrics;
  breakers?: BreakerFactory;
  /** Milliseconds since the epoch; tests move it to pass a session's expires_at. */
  now?: () => number;
  /** How often sessions past expires_at are expired (and announced); 0 turns the timer off. */
  sweepIntervalMs?: number;
}

export function createPaymentsSandbox(opts: PaymentsSandboxOptions) {
  const now = opts.now ?? Date.now;
  const metrics = opts.metrics ?? createMetrics('payments-sandbox');
  const breakers =
    opts.breakers ?? createBreakerFactory({ registry: new Registry(), logger: opts.logger });
  const store = createSandboxStore({ stateFile: opts.stateFile, logger: opts.logger, now });
  const sender = createWebhookSender({
    url: opts.webhookUrl,
    secret: opts.webhookSecret,
    attempts: opts.webhookAttempts ?? 6,
    retryMs: opts.webhookRetryMs ?? 1_000,
    breakers,
    logger: opts.logger,
    now,
  });
  const deliver = (event: EventRecord) => {
    // Stripe's payloads are pretty-printed JSON; the signature covers these exact bytes.
    const payload = JSON.stringify(eventObject(event), null, 2);
    void sender.send(event, payload).then((ok) => {
      if (!ok) return;
      event.pendingWebhooks = 0;
      store.save();
    });
  };
  const payments = createPayments({
    store,
    now,
    pageUrl: (id) => `${opts.publicUrl}${checkoutPathOf(id)}`,
    defaultApiVersion: DEFAULT_API_VERSION,
    emit: deliver,
  });

  const { app, finish } = createServiceApp({ logger: opts.logger, metrics, checks: {} });
  app.use('/v1', createStripeApiRouter({ payments, store, now }));
  app.use(createCheckoutPageRouter({ payments, store }));
  finish();

  const sweepMs = opts.sweepIntervalMs ?? 5_000;
  const sweeper = sweepMs > 0 ? setInterval(() => payments.expireDue(), sweepMs) : undefined;
  sweeper?.unref();

  return {
    app,
    payments,
    store,
    /** Resolves once every webhook under way was delivered or given up. */
    idle: () => sender.idle(),
    close() {
      if (sweeper) clearInterval(sweeper);
      sender.close();
      store.save();
    },
  };
}

export type PaymentsSandbox = ReturnType<typeof createPaymentsSandbox>;

/** Listens on a port (0 = any free one) and serves the sandbox there; for tests. */
export async function startPaymentsSandbox(
  opts: Omit<PaymentsSandboxOptions, 'publicUrl'> & {
    publicUrl?: string;
    host?: string;
    port?: number;
  },
): Promise<{ url: string; sandbox: PaymentsSandbox; server: Server; close(): Promise<void> }> {
  const server = createServer();
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((r) => server.listen(opts.port ?? 0, host, r));
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  const sandbox = createPaymentsSandbox({ ...opts, publicUrl: opts.publicUrl ?? url });
  server.on('request', sandbox.app);
  return {
    url,
    sandbox,
    server,
    async close() {
      sandbox.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
