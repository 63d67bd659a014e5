import type { AgentName } from '@receptionist/domain';
import type { CommandType } from '../dialogue/commands.ts';
import type { ToolEnv } from '../tools/tool.ts';

/** What an agent's flows work with: the services, plus speaking and handing over. */
export interface AgentEnv extends ToolEnv {
  say(text: string): void;
  handOver(agent: AgentName): void;
}

/**
 * One of the seven agents: the owner of its flows. It acts on the commands the brain heard this
 * turn (`work.todo`), takes off the list what it handled, and says what its flow needs next.
 */
export interface AgentDefinition {
  name: AgentName;
  /** What this agent does, as the model brain is told when it reads the caller's words. */
  instructions: string;
  /** The commands this agent acts on. */
  commands: readonly CommandType[];
  handle(env: AgentEnv): Promise<void>;
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
  };
}
