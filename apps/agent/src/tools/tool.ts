import type { Db } from '@receptionist/db';
import type { Logger } from '@receptionist/observability';
import type { ConversationState, TurnContext } from '../graph/conversation-state.annotation.ts';
import type { BookingGateway } from '../booking/booking.gateway.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { AgentMetrics } from '../agent.metrics.ts';

/** What the flows reach: the tenant-scoped services of the agent process. */
export interface AgentServices {
  db: Db;
  bookings: BookingGateway;
  knowledge: KnowledgeBase;
  logger: Logger;
  metrics: AgentMetrics;
  /** A deposit can be taken online on this deployment (a payments key is configured). */
  paymentsAvailable: boolean;
}

/** A flow sees the turn's context and the node's working copy of the state, which it may change. */
export interface ToolEnv {
  ctx: TurnContext;
  work: ConversationState;
  services: AgentServices;
}
