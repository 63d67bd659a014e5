import { z } from 'zod';
import { commonSchema, port } from './common.ts';
import { parseEnv, type Env } from './load.ts';

export const agentSchema = commonSchema.extend({
  AGENT_PORT: port(8000),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-5-5'),
});

export type AgentConfig = z.output<typeof agentSchema>;
export const loadAgentConfig = (env: Env): AgentConfig => parseEnv(agentSchema, env);
