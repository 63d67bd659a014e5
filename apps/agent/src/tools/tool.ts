import { z } from 'zod';
import type { Db } from '@receptionist/db';
import type { Logger } from '@receptionist/observability';
import type { ConversationState, TurnContext } from '../agents/agent.types.ts';
import type { BookingGateway } from '../booking/booking.gateway.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { AgentMetrics } from '../agent.metrics.ts';

/** What tools reach: the tenant-scoped services of the agent process. */
export interface AgentServices {
  db: Db;
  bookings: BookingGateway;
  knowledge: KnowledgeBase;
  logger: Logger;
  metrics: AgentMetrics;
  /** A deposit can be taken online on this deployment (a payments key is configured). */
  paymentsAvailable: boolean;
}

/** A tool sees the turn's context and the node's working copy of the state, which it may change. */
export interface ToolEnv {
  ctx: TurnContext;
  work: ConversationState;
  services: AgentServices;
}

export type ToolResult = { ok: true; data: unknown } | { ok: false; error: string };

export interface AgentTool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: S;
  run(input: z.output<S>, env: ToolEnv): Promise<unknown>;
}

export function defineTool<S extends z.ZodType>(tool: AgentTool<S>): AgentTool {
  return tool as unknown as AgentTool;
}

/** The JSON schema Claude sees is generated from the same zod schema that validates its input. */
export function inputJsonSchema(input: z.ZodType): Record<string, unknown> {
  const schema = z.toJSONSchema(input, { io: 'input' }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

/**
 * Validates and runs a tool. A failure never reaches the caller as an error: it comes back as a
 * result the agent turns into an apology and an offer of a human.
 */
export async function runTool(
  tool: AgentTool,
  rawInput: unknown,
  env: ToolEnv,
): Promise<ToolResult> {
  const parsed = tool.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    env.services.metrics.toolCalls.inc({ tool: tool.name, outcome: 'invalid' });
    return {
      ok: false,
      error: `invalid input: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    };
  }
  try {
    const data = await tool.run(parsed.data, env);
    env.services.metrics.toolCalls.inc({ tool: tool.name, outcome: 'ok' });
    return { ok: true, data };
  } catch (err) {
    env.services.metrics.toolCalls.inc({ tool: tool.name, outcome: 'failed' });
    env.services.logger.warn(
      { tool: tool.name, err: err instanceof Error ? err.message : String(err) },
      'tool failed',
    );
    env.work.out.toolFailed = true;
    return {
      ok: false,
      error:
        'The system behind this tool is not answering right now. Apologise briefly and offer to transfer the caller to a person or take a message for a callback.',
    };
  }
}

export const APOLOGY =
  "I'm sorry, I can't get to that information right now. I can put you through to someone on the team, or take a message so they can call you back. Which would you prefer?";
