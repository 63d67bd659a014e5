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
});

export type WorkerConfig = z.output<typeof workerSchema>;
export const loadWorkerConfig = (env: Env): WorkerConfig => parseEnv(workerSchema, env);
