import { z } from 'zod';
import { commonSchema, port } from './common.ts';
import { parseEnv, type Env } from './load.ts';

const url = z
  .string()
  .url()
  .transform((u) => u.replace(/\/+$/, ''));

/**
 * The local payments sandbox (apps/payments-sandbox): plays Stripe's API and Checkout page so a
 * deposit can be taken with no Stripe account. It holds no real money and refuses production.
 */
export const paymentsSandboxSchema = commonSchema
  .pick({ NODE_ENV: true, LOG_LEVEL: true, SHUTDOWN_TIMEOUT_MS: true })
  .extend({
    // Loopback by default: the sandbox accepts any sk_test_ key and must not face a network.
    PAYMENTS_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
    // stripe-mock's well-known port, so STRIPE_API_BASE_URL examples work for either.
    PAYMENTS_SANDBOX_PORT: port(12111),
    // Base of the Checkout page links put in sessions; unset means http://<host>:<port>.
    PAYMENTS_SANDBOX_PUBLIC_URL: url.optional(),
    // The backend's Stripe webhook endpoint that receives the signed events.
    PAYMENTS_SANDBOX_WEBHOOK_URL: url.default('http://127.0.0.1:3000/webhooks/stripe'),
    // Signs every event, exactly as Stripe signs with an endpoint's secret; the backend's value.
    STRIPE_WEBHOOK_SECRET: z.string().min(1),
    // How many times one event is POSTed before the sandbox gives up on it, and the first pause
    // (each later one doubles: 6 attempts from 1 s span about half a minute of a restarting backend).
    PAYMENTS_SANDBOX_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(6),
    PAYMENTS_SANDBOX_WEBHOOK_RETRY_MS: z.coerce.number().int().min(1).max(60_000).default(1_000),
    // A JSON file that keeps sessions across restarts; unset keeps them in memory only.
    PAYMENTS_SANDBOX_STATE_FILE: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production')
      ctx.addIssue({
        code: 'custom',
        path: ['NODE_ENV'],
        message: 'is production: the payments sandbox never runs there',
      });
  })
  .transform((c) => ({
    ...c,
    PAYMENTS_SANDBOX_PUBLIC_URL:
      c.PAYMENTS_SANDBOX_PUBLIC_URL ??
      `http://${c.PAYMENTS_SANDBOX_HOST.includes(':') ? `[${c.PAYMENTS_SANDBOX_HOST}]` : c.PAYMENTS_SANDBOX_HOST}:${c.PAYMENTS_SANDBOX_PORT}`,
  }));

export type PaymentsSandboxConfig = z.output<typeof paymentsSandboxSchema>;
export const loadPaymentsSandboxConfig = (env: Env): PaymentsSandboxConfig =>
  parseEnv(paymentsSandboxSchema, env);
