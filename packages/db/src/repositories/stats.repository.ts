import type { Queryable } from '../pool.ts';

export interface TenantStats {
  from: Date;
  to: Date;
  calls: number;
  answered: number;
  booked: number;
  /** Booked calls over all calls, 0..1; 0 when there were no calls. */
  conversionRate: number;
  escalations: number;
  turnLatencyAvgMs: number | null;
  turnLatencyP95Ms: number | null;
  inputTokens: number;
  outputTokens: number;
  estimatedCostUsd: number;
}

/** Activity of one business over [from, to). */
export async function tenantStats(
  db: Queryable,
  tenantId: string,
  from: Date,
  to: Date,
): Promise<TenantStats> {
  const { rows } = await db.query(
    `SELECT
       (SELECT count(*)::int FROM calls WHERE tenant_id = $1 AND started_at >= $2 AND started_at < $3) AS calls,
       (SELECT count(*)::int FROM calls WHERE tenant_id = $1 AND started_at >= $2 AND started_at < $3
          AND answered_at IS NOT NULL) AS answered,
       (SELECT count(*)::int FROM calls WHERE tenant_id = $1 AND started_at >= $2 AND started_at < $3
          AND outcome = 'booked') AS booked,
       (SELECT count(*)::int FROM escalations WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3) AS escalations,
       m.avg_latency, m.p95_latency, m.input_tokens, m.output_tokens, m.cost_micro_usd
     FROM (
       SELECT avg(latency_ms) FILTER (WHERE role = 'agent') AS avg_latency,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE role = 'agent') AS p95_latency,
              COALESCE(sum(input_tokens), 0)::bigint AS input_tokens,
              COALESCE(sum(output_tokens), 0)::bigint AS output_tokens,
              COALESCE(sum(cost_micro_usd), 0)::bigint AS cost_micro_usd
         FROM messages WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
     ) m`,
    [tenantId, from, to],
  );
  const r = rows[0];
  const calls = r.calls as number;
  const booked = r.booked as number;
  const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
  return {
    from,
    to,
    calls,
    answered: r.answered as number,
    booked,
    conversionRate: calls === 0 ? 0 : Math.round((booked / calls) * 10_000) / 10_000,
    escalations: r.escalations as number,
    turnLatencyAvgMs: round(r.avg_latency),
    turnLatencyP95Ms: round(r.p95_latency),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    estimatedCostUsd: Number(r.cost_micro_usd) / 1_000_000,
  };
}
