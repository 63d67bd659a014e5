import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import type { AgentConfig } from '@receptionist/config';
import type { Db, Redis } from '@receptionist/db';
import { createBreakerFactory, type BreakerFactory } from '@receptionist/integrations/breaker';
import { createBuiltinCalendar } from '@receptionist/integrations/calendar';
import type { Logger, Metrics } from '@receptionist/observability';
import { createAgentMetrics } from './agent.metrics.ts';
import type { BookingGateway } from './booking/booking.gateway.ts';
import { createBuiltinBookingGateway } from './booking/builtin-booking.gateway.ts';
import { createClaudeBrain } from './brains/claude.brain.ts';
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
  breakers?: BreakerFactory;
  /** Replaces the built-in calendar (the shared calendar port, or a test double). */
  bookings?: BookingGateway;
  now?: () => Date;
}

/** Builds the agent: brain, knowledge, calendar, checkpointer, graph and the turn service. */
export async function createAgentRuntime(deps: RuntimeDeps) {
  const { config, logger } = deps;
  const breakers =
    deps.breakers ?? createBreakerFactory({ registry: deps.metrics.registry, logger });
  const agentMetrics = createAgentMetrics(deps.metrics.registry);
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
  const bookings =
    deps.bookings ??
    createBuiltinBookingGateway({
      db: deps.db,
      calendar: createBuiltinCalendar({ db: deps.db, now: deps.now }),
      now: deps.now,
    });
  const services = { db: deps.db, bookings, knowledge, logger, metrics: agentMetrics };
  const brain: 'claude' | 'offline' = config.ANTHROPIC_API_KEY ? 'claude' : 'offline';
  const claude =
    brain === 'claude'
      ? createClaudeBrain({ config, breakers, metrics: agentMetrics, logger })
      : null;

  const checkpointer = new PostgresSaver(deps.db, undefined, {
    schema: config.AGENT_CHECKPOINT_SCHEMA,
  });
  await checkpointer.setup();
  const graph = createGraph({ services, claude, checkpointer });
  const turns = createTurnService({
    config,
    db: deps.db,
    redis: deps.redis,
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

export type AgentRuntime = Awaited<ReturnType<typeof createAgentRuntime>>;
