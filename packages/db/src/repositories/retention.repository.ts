import type { RetentionKind } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';

/**
 * Deletes (or, for call summaries, clears) up to `limit` rows of one kind older than `before`,
 * so a large backlog goes in short statements that never hold locks for long. Returns how many.
 * Texts still waiting to go out are never touched.
 */
export async function purgeExpiredBatch(
  db: Queryable,
  tenantId: string,
  kind: RetentionKind,
  before: Date,
  limit: number,
): Promise<number> {
  if (kind === 'transcripts') {
    const r = await db.query(
      `DELETE FROM messages WHERE id IN (
         SELECT id FROM messages WHERE tenant_id = $1 AND created_at < $2 LIMIT $3)`,
      [tenantId, before, limit],
    );
    return r.rowCount ?? 0;
  }
  if (kind === 'outbound_texts') {
    const r = await db.query(
      `DELETE FROM outbound_messages WHERE id IN (
         SELECT id FROM outbound_messages WHERE tenant_id = $1 AND created_at < $2
            AND status IN ('sent', 'failed', 'skipped_opted_out') LIMIT $3)`,
      [tenantId, before, limit],
    );
    return r.rowCount ?? 0;
  }
  const analyses = await db.query(
    `DELETE FROM call_analyses WHERE id IN (
       SELECT id FROM call_analyses WHERE tenant_id = $1 AND created_at < $2 LIMIT $3)`,
    [tenantId, before, limit],
  );
  const summaries = await db.query(
    `UPDATE calls SET summary = NULL, updated_at = now() WHERE id IN (
       SELECT id FROM calls WHERE tenant_id = $1 AND started_at < $2 AND summary IS NOT NULL LIMIT $3)`,
    [tenantId, before, limit],
  );
  return (analyses.rowCount ?? 0) + (summaries.rowCount ?? 0);
}
