import { z } from 'zod';
import { bookingIntegrations, commonSchema, port } from './common.ts';
import { parseEnv, type Env } from './load.ts';

export const workerSchema = commonSchema.extend({
  WORKER_HTTP_PORT: port(8100),
  // A prebuilt bundle (apps/worker `build`) skips webpack at start-up in production.
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  ...bookingIntegrations,
  // Where Stripe Checkout sends a caller after paying or giving up (our public site).
  PUBLIC_BASE_URL: z
    .string()
    .url()
    .default('http://localhost:3000')
    .transform((u) => u.replace(/\/+$/, '')),
  // The agent service the SMS workflow asks for replies.
  AGENT_URL: z.string().url().default('http://127.0.0.1:8000'),
  AGENT_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
});

export type WorkerConfig = z.output<typeof workerSchema>;
export const loadWorkerConfig = (env: Env): WorkerConfig => parseEnv(workerSchema, env);
