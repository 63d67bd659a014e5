import { proxyActivities } from '@temporalio/workflow';
import type { TenantReportInput } from '@receptionist/booking-client/messages';
import type { ReportActivities } from '../activities/report.activities.ts';

const acts = proxyActivities<ReportActivities>({
  startToCloseTimeout: '60 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    maximumAttempts: 10,
  },
});

/**
 * One daily or weekly report of one business, started by its Temporal Schedule
 * (`report-<tenantId>-<period>`) at the business's local evening.
 */
export async function tenantReportWorkflow(
  input: TenantReportInput,
): Promise<{ emailed: number; posted: number } | null> {
  const built = await acts.buildTenantReport({
    tenantId: input.tenantId,
    period: input.period,
    at: input.at ?? new Date().toISOString(),
  });
  if (!built) return null;
  return acts.sendTenantReport({ tenantId: input.tenantId, key: built.key, report: built.report });
}
