import { z } from 'zod';

export const port = (fallback: number) =>
  z.coerce.number().int().min(0).max(65535).default(fallback);

const postgresUrl = z
  .string()
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// URL');
const redisUrl = z
  .string()
  .url()
  .refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// URL');

/** Variables every process reads. */
export const commonSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(20),
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: z.string().default(''),
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('receptionist'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // The address the process listens on: loopback unless told otherwise (containers set 0.0.0.0,
  // where the port is reachable only on the compose network).
  BIND_HOST: z.string().min(1).max(255).default('127.0.0.1'),
});

/**
 * The secret the backend and the worker present to the agent service (Authorization: Bearer).
 * At least 16 characters; unset outside production, the agent serves turns unauthenticated.
 */
export const agentSharedSecret = z.string().min(16).optional();

export type CommonConfig = z.output<typeof commonSchema>;

/** Empty strings in an env file mean "not set". */
export const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));
const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v ? v.replace(/\/+$/, '') : undefined))
  .pipe(z.string().url().optional());

/** Stripe, Cal.com and Twilio REST settings shared by the processes that book, charge and text. */
export const bookingIntegrations = {
  STRIPE_SECRET_KEY: optionalSecret,
  // Another Stripe API host (stripe-mock in tests); unset means api.stripe.com.
  STRIPE_API_BASE_URL: optionalUrl,
  CALCOM_API_BASE_URL: z.string().url().default('https://api.cal.com/v2'),
  // Account SID for the REST API; with TWILIO_AUTH_TOKEN it switches outbound SMS to Twilio.
  TWILIO_ACCOUNT_SID: optionalSecret.pipe(
    z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'expected an account SID (AC + 32 hex)')
      .optional(),
  ),
  // Checks every Twilio webhook signature and authenticates REST calls; without it webhooks answer 403.
  TWILIO_AUTH_TOKEN: optionalSecret,
  // Another Twilio REST host (a stand-in in tests); unset means https://api.twilio.com.
  TWILIO_API_BASE_URL: optionalUrl,
  // Milliseconds a Twilio REST call may take before the breaker fails it.
  TWILIO_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
};

/**
 * The Pinecone knowledge index, written by the admin API's reindex and by the worker's document
 * ingest (the same index and namespaces the agent searches). Without a key neither writes there.
 */
export const pineconeIndex = {
  PINECONE_API_KEY: optionalSecret,
  PINECONE_INDEX: z.string().min(1).default('receptionist-knowledge'),
  // The index's data-plane host (a stand-in in tests); unset, the SDK looks it up by name.
  PINECONE_INDEX_HOST: optionalUrl,
  // Milliseconds one Pinecone request may take before the breaker fails it.
  PINECONE_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
};
