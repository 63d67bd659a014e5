import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
}

/** One registry per process, passed to whatever needs to register a metric. */
export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  return { registry, httpDuration };
}

export const BUDGET_EXCEEDED_METRIC = 'receptionist_budget_exceeded_total';

/**
 * Refusals by a business's limits (a daily budget spent, a caller over their rate, a destination
 * outside the allowed countries), by tenant and kind: the operator's alert metric. One counter per
 * registry, however many components ask for it.
 */
export function budgetExceededCounter(registry: Registry): Counter<'tenant' | 'kind'> {
  const existing = registry.getSingleMetric(BUDGET_EXCEEDED_METRIC);
  if (existing) return existing as Counter<'tenant' | 'kind'>;
  return new Counter({
    name: BUDGET_EXCEEDED_METRIC,
    help: 'Requests refused by a tenant budget or rate limit, by tenant and kind',
    labelNames: ['tenant', 'kind'] as const,
    registers: [registry],
  });
}
