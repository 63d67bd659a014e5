import { z } from 'zod';
import { bookingIntegrations, commonSchema, optionalSecret, port } from './common.ts';
import { parseEnv, type Env } from './load.ts';

export const backendSchema = commonSchema.extend({
  BACKEND_PORT: port(3000),
  // Twilio signs the URL it called; behind nginx/TLS that is the public URL, not ours.
  PUBLIC_BASE_URL: z
    .string()
    .url()
    .transform((u) => u.replace(/\/+$/, '')),
  AGENT_URL: z.string().url().default('http://127.0.0.1:8000'),
  AGENT_TIMEOUT_MS: z.coerce.number().int().positive().default(4_000),
  ...bookingIntegrations,
  // Stripe signs each webhook with the endpoint's secret (whsec_...); unset, the endpoint answers 503.
  STRIPE_WEBHOOK_SECRET: optionalSecret,
  // Cal.com webhook secret: X-Cal-Signature-256 is the hex HMAC-SHA256 of the raw body with it.
  CALCOM_WEBHOOK_SECRET: optionalSecret,
});

export type BackendConfig = z.output<typeof backendSchema>;
export const loadBackendConfig = (env: Env): BackendConfig => parseEnv(backendSchema, env);
