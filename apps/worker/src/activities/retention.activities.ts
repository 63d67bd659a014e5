import { getTenant, purgeExpiredBatch, type Db } from '@receptionist/db';
import { retentionCutoffs, retentionSettings, type RetentionKind } from '@receptionist/domain';

/** The retention sweep's steps: what is due for removal, then one bounded batch at a time. */
export function createRetentionActivities(deps: { db: Db }) {
  return {
    async retentionPlan(tenantId: string): Promise<{ kind: RetentionKind; before: string }[]> {
      const tenant = await getTenant(deps.db, tenantId);
      if (!tenant) return [];
      return retentionCutoffs(retentionSettings(tenant.settings), new Date()).map((c) => ({
        kind: c.kind,
        before: c.before.toISOString(),
      }));
    },

    /** Deleting what is already gone deletes nothing: a retried batch is harmless. */
    async purgeBatch(p: {
      tenantId: string;
      kind: RetentionKind;
      before: string;
      limit: number;
    }): Promise<number> {
      return purgeExpiredBatch(deps.db, p.tenantId, p.kind, new Date(p.before), p.limit);
    },
  };
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
