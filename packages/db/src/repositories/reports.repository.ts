import type { ReportFigures } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';

/** A business's numbers over [from, to); open escalations are those open now. */
export async function tenantReportFigures(
  db: Queryable,
  tenantId: string,
  from: Date,
  to: Date,
): Promise<ReportFigures> {
  const { rows } = await db.query(
    `SELECT
       (SELECT count(*)::int FROM calls WHERE tenant_id = $1 AND started_at >= $2 AND started_at < $3) AS calls,
       (SELECT count(*)::int FROM calls WHERE tenant_id = $1 AND started_at >= $2 AND started_at < $3
          AND outcome IN ('booked', 'question_answered', 'message_taken', 'abandoned')) AS answered_by_agent,
       (SELECT count(*)::int FROM calls WHERE tenant_id = $1 AND started_at >= $2 AND started_at < $3
          AND outcome = 'escalated') AS transferred,
       (SELECT count(*)::int FROM calls WHERE tenant_id = $1 AND started_at >= $2 AND started_at < $3
          AND outcome = 'missed') AS missed,
       (SELECT count(*)::int FROM bookings WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
          AND status IN ('confirmed', 'completed', 'no_show')) AS bookings,
       (SELECT count(*)::int FROM payments WHERE tenant_id = $1 AND updated_at >= $2 AND updated_at < $3
          AND status IN ('succeeded', 'partially_refunded')) AS deposits,
       (SELECT COALESCE(sum(amount_minor - refunded_minor), 0)::bigint FROM payments
          WHERE tenant_id = $1 AND updated_at >= $2 AND updated_at < $3
          AND status IN ('succeeded', 'partially_refunded')) AS deposits_minor,
       (SELECT count(*)::int FROM bookings WHERE tenant_id = $1 AND starts_at >= $2 AND starts_at < $3
          AND status = 'no_show') AS no_shows,
       (SELECT count(*)::int FROM escalations WHERE tenant_id = $1 AND status = 'open') AS open_escalations`,
    [tenantId, from, to],
  );
  const r = rows[0];
  return {
    calls: r.calls,
    answeredByAgent: r.answered_by_agent,
    transferred: r.transferred,
    missed: r.missed,
    bookings: r.bookings,
    deposits: r.deposits,
    depositsMinor: Number(r.deposits_minor),
    noShows: r.no_shows,
    openEscalations: r.open_escalations,
  };
}
