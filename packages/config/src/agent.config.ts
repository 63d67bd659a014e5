import { z } from 'zod';
import { agentSharedSecret, bookingIntegrations, commonSchema, port } from './common.ts';
import { parseEnv, type Env } from './load.ts';

// Empty values are already treated as unset by parseEnv.
const optionalSecret = z.string().min(1).optional();
const optionalUrl = z.string().url().optional();

export const agentSchema = commonSchema.extend({
  AGENT_PORT: port(8000),
  // Turn requests must carry it (Authorization: Bearer); production refuses to start without it.
  AGENT_SHARED_SECRET: agentSharedSecret,
  ANTHROPIC_API_KEY: optionalSecret,
  ANTHROPIC_BASE_URL: optionalUrl,
  ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-5-5'),
  ANTHROPIC_MAX_TOKENS: z.coerce.number().int().min(64).max(8_192).default(400),
  ANTHROPIC_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
  ANTHROPIC_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  /** USD per million tokens, used for the per-turn cost estimate. */
  ANTHROPIC_PRICE_INPUT_PER_MTOK: z.coerce.number().nonnegative().default(3),
  ANTHROPIC_PRICE_OUTPUT_PER_MTOK: z.coerce.number().nonnegative().default(15),
  PINECONE_API_KEY: optionalSecret,
  PINECONE_INDEX: z.string().optional(),
  PINECONE_HOST: optionalUrl,
  LANGSMITH_API_KEY: optionalSecret,
  LANGSMITH_PROJECT: z.string().default('receptionist-agent'),
  AGENT_TURN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  AGENT_TURN_LOCK_TTL_MS: z.coerce.number().int().positive().default(20_000),
  AGENT_TURN_LOCK_WAIT_MS: z.coerce.number().int().nonnegative().default(10_000),
  // Free slots of a Cal.com tenant come from Cal.com itself, as the booking workflow holds them.
  CALCOM_API_BASE_URL: bookingIntegrations.CALCOM_API_BASE_URL,
  // Milliseconds one Cal.com call may take on a live call before the breaker fails it.
  CALCOM_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  // Milliseconds a booking tool waits for the booking workflow to hold (and confirm) the slot;
  // keep it below AGENT_TURN_TIMEOUT_MS less the brain's reading of the caller's words (2-3 s
  // with Claude). The voice channel holds the caller ("One moment please") meanwhile, so a
  // booking slowed by a worker crash or a restart settles instead of ending in an apology.
  // Only whether it is set is read: the worker takes deposits with it, and without it the agent
  // tells a caller who owes a deposit before any read-back that it cannot be taken online.
  STRIPE_SECRET_KEY: bookingIntegrations.STRIPE_SECRET_KEY,
  AGENT_BOOKING_WAIT_MS: z.coerce.number().int().positive().default(12_000),
});

export type AgentConfig = z.output<typeof agentSchema>;
export const loadAgentConfig = (env: Env): AgentConfig => parseEnv(agentSchema, env);

/**
 * LangGraph sends traces to LangSmith when these variables are in its environment: passed through
 * only when a key is configured, so nothing leaves the machine otherwise.
 */
export function exportTracingEnv(config: AgentConfig, target: Env = process.env): void {
  if (!config.LANGSMITH_API_KEY) return;
  target.LANGSMITH_TRACING = 'true';
  target.LANGSMITH_API_KEY = config.LANGSMITH_API_KEY;
  target.LANGSMITH_PROJECT = config.LANGSMITH_PROJECT;
}
