/**
 * The Temporal Schedule that keeps a business's CRM in step: `crm-sync-<tenantId>` starts
 * crmSyncWorkflow every CRM_SYNC_EVERY, skipping a run while the previous one still works (a
 * long backfill or a rate-limited CRM). Created when a CRM is connected, removed when it is not.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
} from '@temporalio/client';
import {
  CRM_SYNC_EVERY,
  CRM_SYNC_WORKFLOW,
  crmSyncScheduleId,
  crmSyncWorkflowId,
  type CrmSyncInput,
} from './crm-sync.messages.ts';

export async function ensureCrmSyncSchedule(
  client: Client,
  taskQueue: string,
  tenantId: string,
  every: string = CRM_SYNC_EVERY,
): Promise<void> {
  const action = {
    type: 'startWorkflow' as const,
    workflowType: CRM_SYNC_WORKFLOW,
    workflowId: crmSyncWorkflowId(tenantId),
    taskQueue,
    args: [{ tenantId } satisfies CrmSyncInput],
    workflowExecutionTimeout: '1 hour',
  };
  try {
    await client.schedule.getHandle(crmSyncScheduleId(tenantId)).describe();
    return;
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  try {
    await client.schedule.create({
      scheduleId: crmSyncScheduleId(tenantId),
      spec: { intervals: [{ every: every as never }] },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
    });
  } catch (err) {
    // Created by a concurrent request in between: that one is as good.
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}

export async function removeCrmSyncSchedule(client: Client, tenantId: string): Promise<void> {
  try {
    await client.schedule.getHandle(crmSyncScheduleId(tenantId)).delete();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
}
