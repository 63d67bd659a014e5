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

export const backendSchema = commonSchema.extend({
  BACKEND_PORT: port(3000),
  // Twilio signs the URL it called; behind nginx/TLS that is the public URL, not ours.
  PUBLIC_BASE_URL: z
    .string()
    .url()
    .transform((u) => u.replace(/\/+$/, '')),
  AGENT_URL: z.string().url().default('http://127.0.0.1:8000'),
  AGENT_TIMEOUT_MS: z.coerce.number().int().positive().default(4_000),
  // How long a caller is held (holding phrase, pause, retry) while the agent does not answer a
  // turn, before a person or a message: covers an agent restart. 0 holds once.
  AGENT_HOLD_MS: z.coerce.number().int().min(0).max(60_000).default(25_000),
  AGENT_SHARED_SECRET: agentSharedSecret,
  // Keys the token that binds each ConversationRelay socket URL to its call; unset, a key derived
  // from TWILIO_AUTH_TOKEN is used (the same on every backend instance).
  RELAY_TOKEN_SECRET: z.string().min(32).optional(),
  // Seconds a relay URL handed to Twilio stays valid for opening its socket.
  RELAY_TOKEN_TTL_S: z.coerce.number().int().min(10).max(3_600).default(600),
  // Admin API: requests per minute per API key and per client IP, and the largest JSON body.
  ADMIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  ADMIN_IP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1_200),
  ADMIN_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  ADMIN_COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  // Pinecone knowledge index; without an API key reindexing into Pinecone answers 409.
  ...pineconeIndex,
  ...bookingIntegrations,
  // Stripe signs each webhook with the endpoint's secret (whsec_...); unset, the endpoint answers 503.
  STRIPE_WEBHOOK_SECRET: optionalSecret,
  // A stand-in for https://hooks.slack.com (tests, local dev, as SLACK_WEBHOOK_BASE_URL of the
  // worker): set, the admin API does not resolve hooks.slack.com when a Slack URL is saved.
  SLACK_WEBHOOK_BASE_URL: z.string().url().optional(),
  // How long an interrupted ConversationRelay reply waits for the caller's words before the
  // generation is cancelled anyway (a backchannel like "mhm" resumes the reply instead).
  RELAY_INTERRUPT_GRACE_MS: z.coerce.number().int().positive().default(1_500),
  // Words that, said alone while the agent speaks, are a backchannel and not an interruption.
  RELAY_BACKCHANNEL_WORDS: z
    .string()
    .default('mhm,mm,hmm,ok,okay,yeah,yes,uh-huh,uh huh,right,sure,got it')
    .transform((v) =>
      v
        .split(',')
        .map((w) => w.trim().toLowerCase())
        .filter(Boolean),
    ),
  // ConversationRelay text-to-speech voice and transcription language defaults.
  RELAY_TTS_PROVIDER: z.string().default('ElevenLabs'),
  // Seconds the tenant's staff phone rings on a warm transfer before we take a message instead.
  TRANSFER_RING_TIMEOUT_S: z.coerce.number().int().min(5).max(120).default(20),
});

export type BackendConfig = z.output<typeof backendSchema>;
export const loadBackendConfig = (env: Env): BackendConfig => parseEnv(backendSchema, env);
