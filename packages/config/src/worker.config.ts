import { z } from 'zod';
import {
  agentSharedSecret,
  bookingIntegrations,
  commonSchema,
  optionalSecret,
  pineconeIndex,
  port,
} from './common.ts';
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
  AGENT_SHARED_SECRET: agentSharedSecret,
  // SMTP relay for staff emails (smtp://user:pass@host:587, STARTTLS when offered; smtps:// for
  // 465); unset means escalations are texted and posted to Slack only.
  SMTP_URL: optionalSecret.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^/\s]+/, 'expected smtp://user:pass@host:port or smtps://...')
      .optional(),
  ),
  // The From header of those emails.
  MAIL_FROM: z.string().min(3).default('Receptionist <no-reply@localhost>'),
  // Milliseconds one email may take (connecting included) before the breaker gives up on it.
  SMTP_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // A stand-in for https://hooks.slack.com (tests, local dev): Slack posts go to its origin with
  // the stored URL's path. Unset in production, where posts go to Slack itself.
  SLACK_WEBHOOK_BASE_URL: z.string().url().optional(),
  // The knowledge ingest pushes each ingested document's entries to Pinecone when a key is set;
  // without one, an uploaded document feeds the built-in search only.
  ...pineconeIndex,
  // A stand-in for https://api.hubapi.com (tests, local dev); unset in production.
  HUBSPOT_API_BASE_URL: z.string().url().optional(),
  // Claude writes the post-call analysis when a key is set; without one the rules write it.
  ANTHROPIC_API_KEY: optionalSecret,
  // Another Messages API host (the local stand-in in tests); unset means Anthropic's own.
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  ANTHROPIC_ANALYSIS_MODEL: z.string().min(1).default('claude-sonnet-5-5'),
  ANTHROPIC_ANALYSIS_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
});

export type WorkerConfig = z.output<typeof workerSchema>;
export const loadWorkerConfig = (env: Env): WorkerConfig => parseEnv(workerSchema, env);
