export type { PendingConfirmation } from '../agents/agent.types.ts';
import type { ConversationState, TurnContext } from '../agents/agent.types.ts';

export interface ToolEnvLike {
  ctx: TurnContext;
  work: ConversationState;
}
