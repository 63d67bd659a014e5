import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { RetentionInput } from '@receptionist/booking-client/messages';
import type { RetentionActivities } from '../activities/retention.activities.ts';

const acts = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '60 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 20,
  },
});

/** Batches per run before the history is started afresh (a first sweep of years of data). */
const BATCHES_PER_RUN = 500;

/**
 * One business's retention sweep, started daily by its Temporal Schedule (`retention-<id>`):
 * everything older than the business keeps it is removed in batches until none is left.
 */
export async function retentionWorkflow(input: RetentionInput): Promise<Record<string, number>> {
  const limit = input.batchSize ?? 500;
  const removed: Record<string, number> = { ...input.removed };
  let batches = 0;
  for (const cut of await acts.retentionPlan(input.tenantId)) {
    for (;;) {
      const n = await acts.purgeBatch({ tenantId: input.tenantId, ...cut, limit });
      removed[cut.kind] = (removed[cut.kind] ?? 0) + n;
      if (n < limit) break;
      if (++batches >= BATCHES_PER_RUN)
        await continueAsNew<typeof retentionWorkflow>({ ...input, removed });
    }
  }
  return removed;
}
