import { continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  crmSyncProgressQuery,
  type CrmSyncInput,
  type CrmSyncProgress,
} from '@receptionist/booking-client/messages';
import type { CrmSyncActivities } from '../activities/crm-sync.activities.ts';

// A page is a few dozen CRM calls. Backoff grows to five minutes for an outage; a 429 sets its
// own next delay (Retry-After) through the failure the activity throws.
const acts = proxyActivities<CrmSyncActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 15,
  },
});

const PAGE = 25;
/** Pages per run before continuing as new, so a long backfill keeps a short history. */
const MAX_PAGES = 200;

/**
 * Brings a business's CRM (HubSpot) and signed webhook up to date with what changed since the
 * last run: contacts, then ended calls, then bookings. Run by the Temporal Schedule
 * `crm-sync-<tenantId>` every few minutes, or as a backfill from the beginning.
 */
export async function crmSyncWorkflow(input: CrmSyncInput): Promise<CrmSyncProgress> {
  const progress: CrmSyncProgress = {
    kind: 'contact',
    processed: 0,
    hubspot: 0,
    webhook: 0,
    failed: 0,
  };
  setHandler(crmSyncProgressQuery, () => progress);
  if (input.backfill) await acts.resetCrmCursors({ tenantId: input.tenantId });
  let pages = 0;
  for (const kind of ['contact', 'call', 'booking'] as const) {
    progress.kind = kind;
    for (;;) {
      if (pages >= MAX_PAGES)
        await continueAsNew<typeof crmSyncWorkflow>({ tenantId: input.tenantId });
      pages += 1;
      const r = await acts.syncCrmPage({ tenantId: input.tenantId, kind, limit: PAGE });
      progress.processed += r.processed;
      progress.hubspot += r.hubspot;
      progress.webhook += r.webhook;
      progress.failed += r.failed;
      if (r.done) break;
    }
  }
  progress.kind = 'done';
  return progress;
}
