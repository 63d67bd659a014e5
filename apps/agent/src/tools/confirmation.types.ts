export type { PendingConfirmation } from '../agents/agent.types.ts';
import type { ConversationState } from '../agents/agent.types.ts';

export interface ToolEnvLike {
  work: ConversationState;
}
