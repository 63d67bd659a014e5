/**
 * The Temporal Schedule that keeps a business's CRM in step: `crm-sync-<tenantId>` starts
 * crmSyncWorkflow every CRM_SYNC_EVERY, skipping a run while the previous one still works (a
 * long backfill or a rate-limited CRM). Created when a CRM is connected, removed when it is not.
 */
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import {
  CRM_SYNC_EVERY,
  CRM_SYNC_WORKFLOW,
  crmSyncScheduleId,
  crmSyncWorkflowId,
  type CrmSyncInput,
} from './crm-sync.messages.ts';
import { createScheduleIfAbsent, removeSchedule } from './schedules.ts';

export async function ensureCrmSyncSchedule(
  client: Client,
  taskQueue: string,
  tenantId: string,
  every: string = CRM_SYNC_EVERY,
): Promise<void> {
  await createScheduleIfAbsent(client, {
    scheduleId: crmSyncScheduleId(tenantId),
    spec: { intervals: [{ every: every as never }] },
    action: {
      type: 'startWorkflow',
      workflowType: CRM_SYNC_WORKFLOW,
      workflowId: crmSyncWorkflowId(tenantId),
      taskQueue,
      args: [{ tenantId } satisfies CrmSyncInput],
      workflowExecutionTimeout: '1 hour',
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
  });
}

export async function removeCrmSyncSchedule(client: Client, tenantId: string): Promise<void> {
  await removeSchedule(client, crmSyncScheduleId(tenantId));
}
