import type { AgentName, Tenant } from '@receptionist/domain';
import { runTool, type AgentTool, type ToolEnv, type ToolResult } from '../tools/tool.ts';

/** What an agent's offline policy works with: the tools, plus speaking and handing over. */
export interface AgentEnv extends ToolEnv {
  say(text: string): void;
  handOver(agent: AgentName): void;
  tool(tool: AgentTool, input: unknown): Promise<ToolResult>;
}

export interface AgentDefinition {
  name: AgentName;
  /** This agent's own instructions; the tenant's profile is appended by the brain. */
  instructions: string;
  tools: AgentTool[];
  /** Tenant-specific text this agent needs besides the shared profile (approved answers, ...). */
  tenantContext?: (tenant: Tenant) => string;
  /** The deterministic policy the offline brain runs for this agent. */
  offline(env: AgentEnv): Promise<void>;
}

export function agentEnv(base: ToolEnv, self: AgentName): AgentEnv {
  return {
    ...base,
    say: (text) => {
      base.work.out.replies.push(text);
      base.work.out.agent = self;
    },
    handOver: (agent) => {
      if (agent !== self) base.work.next = agent;
    },
    tool: (tool, input) => runTool(tool, input, base),
  };
}
