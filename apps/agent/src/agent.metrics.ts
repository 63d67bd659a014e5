import { Counter, Histogram, type Registry } from 'prom-client';

/** Per-agent model usage, tool outcomes and turn latency. */
export function createAgentMetrics(registry: Registry) {
  return {
    modelTokens: new Counter({
      name: 'agent_model_tokens_total',
      help: 'Model tokens by agent and kind (input, output)',
      labelNames: ['agent', 'kind'] as const,
      registers: [registry],
    }),
    modelCost: new Counter({
      name: 'agent_model_cost_micro_usd_total',
      help: 'Estimated model cost in micro-dollars by agent',
      labelNames: ['agent'] as const,
      registers: [registry],
    }),
    modelLatency: new Histogram({
      name: 'agent_model_latency_seconds',
      help: 'Model call latency by agent',
      labelNames: ['agent'] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8],
      registers: [registry],
    }),
    turnDuration: new Histogram({
      name: 'agent_turn_duration_seconds',
      help: 'Whole turn latency by brain and answering agent',
      labelNames: ['brain', 'agent'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8],
      registers: [registry],
    }),
  };
}

export type AgentMetrics = ReturnType<typeof createAgentMetrics>;
