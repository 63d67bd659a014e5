export type { PendingConfirmation } from '../agents/agent.types.ts';
import type { ConversationState } from '../graph/conversation-state.annotation.ts';

export interface ToolEnvLike {
  work: ConversationState;
}
