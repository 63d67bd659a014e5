import type { AgentConfig } from '@receptionist/config';
import type { Db, Redis } from '@receptionist/db';
import { createTenantProfileCache, type TenantProfiles } from '@receptionist/db/tenant-profiles';
import { createBreakerFactory, type BreakerFactory } from '@receptionist/integrations/breaker';
import type { BookingClient } from '@receptionist/booking-client';
import { createCalendars } from '@receptionist/integrations/calendar';
import type { Logger, Metrics } from '@receptionist/observability';
import { createAgentMetrics } from './agent.metrics.ts';
import type { BookingGateway } from './booking/booking.gateway.ts';
import { createWorkflowBookingGateway } from './booking/workflow-booking.gateway.ts';
import { createClaudeBrain } from './brains/claude.brain.ts';
import { ConversationStateSaver } from './graph/conversation-state.saver.ts';
import { createGraph } from './graph/graph.ts';
import type { KnowledgeBase } from './knowledge/knowledge-base.ts';
import { createPineconeKnowledgeBase } from './knowledge/pinecone-knowledge.ts';
import { createPostgresKnowledgeBase } from './knowledge/postgres-knowledge.ts';
import { createTurnService } from './turn/turn.service.ts';

export interface RuntimeDeps {
  config: AgentConfig;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  redis: Redis;
  /** The process's tenant profile cache; without it every turn reads the profile from Postgres. */
  tenants?: TenantProfiles;
  breakers?: BreakerFactory;
  /** The booking workflow's client (Temporal, TEMPORAL_TASK_QUEUE): how the agent books. */
  bookingClient?: BookingClient;
  /** Replaces the booking workflow (the agent's own tests pass the built-in gateway). */
  bookings?: BookingGateway;
  now?: () => Date;
  /** Overrides whether deposits can be taken (the agent's own test rigs). */
  paymentsAvailable?: boolean;
}

/** Builds the agent: brain, knowledge, calendar, checkpointer, graph and the turn service. */
export async function createAgentRuntime(deps: RuntimeDeps) {
  const { config, logger } = deps;
  const breakers =
    deps.breakers ?? createBreakerFactory({ registry: deps.metrics.registry, logger });
  const agentMetrics = createAgentMetrics(deps.metrics.registry);
  const tenants = deps.tenants ?? createTenantProfileCache({ db: deps.db });
  const builtinKnowledge = createPostgresKnowledgeBase({ db: deps.db });
  const knowledge: KnowledgeBase =
    config.PINECONE_API_KEY && config.PINECONE_INDEX
      ? createPineconeKnowledgeBase({
          apiKey: config.PINECONE_API_KEY,
          index: config.PINECONE_INDEX,
          host: config.PINECONE_HOST,
          breakers,
          fallback: builtinKnowledge,
        })
      : builtinKnowledge;
  const bookings = deps.bookings ?? workflowBookings(deps, tenants, breakers);
  const services = {
    db: deps.db,
    bookings,
    knowledge,
    logger,
    metrics: agentMetrics,
    // The booking workflow takes deposits through Stripe; without a key it refuses them, so the
    // agent says so before any read-back. The agent's own rigs (another gateway) take none.
    paymentsAvailable: deps.paymentsAvailable ?? Boolean(config.STRIPE_SECRET_KEY),
  };
  const brain: 'claude' | 'offline' = config.ANTHROPIC_API_KEY ? 'claude' : 'offline';
  const claude =
    brain === 'claude'
      ? createClaudeBrain({ config, breakers, metrics: agentMetrics, logger })
      : null;

  // One row per conversation, one statement per turn (agent_conversation_states, a migration).
  const checkpointer = new ConversationStateSaver(deps.db);
  const graph = createGraph({ services, claude, checkpointer });
  const turns = createTurnService({
    config,
    db: deps.db,
    redis: deps.redis,
    tenants,
    graph,
    services,
    brain,
    now: deps.now,
  });
  logger.info(
    {
      brain,
      model: brain === 'claude' ? config.ANTHROPIC_MODEL : undefined,
      knowledge: knowledge.kind,
    },
    `agent brain: ${brain === 'claude' ? `Claude (${config.ANTHROPIC_MODEL})` : 'offline rule-based'}`,
  );
  return { turns, brain, graph, knowledge };
}

function workflowBookings(
  deps: RuntimeDeps,
  tenants: TenantProfiles,
  breakers: BreakerFactory,
): BookingGateway {
  if (!deps.bookingClient)
    throw new Error('the agent books through the booking workflow: pass bookingClient');
  return createWorkflowBookingGateway({
    db: deps.db,
    tenants,
    calendars: createCalendars({
      db: deps.db,
      breakers,
      calcomBaseUrl: deps.config.CALCOM_API_BASE_URL,
      calcomTimeoutMs: deps.config.CALCOM_TIMEOUT_MS,
      now: deps.now,
    }),
    bookingClient: deps.bookingClient,
    waitMs: deps.config.AGENT_BOOKING_WAIT_MS,
    now: deps.now,
  });
}

export type AgentRuntime = Awaited<ReturnType<typeof createAgentRuntime>>;
