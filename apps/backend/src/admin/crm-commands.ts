import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  ensureCrmSyncSchedule,
  removeCrmSyncSchedule,
} from '@receptionist/booking-client/crm-sync-schedule';
import { CRM_SYNC_WORKFLOW, crmBackfillWorkflowId } from '@receptionist/booking-client/messages';
import type { BreakerFactory } from '@receptionist/integrations/breaker';

/** The CRM sync's Temporal side: the per-business Schedule and the backfill run. */
export interface CrmCommands {
  /** Creates (connected) or removes the `crm-sync-<tenantId>` Schedule; false if Temporal is down. */
  schedule(tenantId: string, connected: boolean): Promise<boolean>;
  backfill(tenantId: string): Promise<'started' | 'running' | 'unavailable'>;
}

export function createCrmCommands(deps: {
  client: Client;
  taskQueue: string;
  breakers: BreakerFactory;
  timeoutMs: number;
}): CrmCommands {
  const schedule = deps.breakers.create(
    'admin_crm_schedule',
    async (tenantId: string, connected: boolean) => {
      if (connected) await ensureCrmSyncSchedule(deps.client, deps.taskQueue, tenantId);
      else await removeCrmSyncSchedule(deps.client, tenantId);
      return true;
    },
    { timeoutMs: deps.timeoutMs, fallback: () => false },
  );
  const backfill = deps.breakers.create(
    'admin_crm_backfill',
    async (tenantId: string): Promise<'started' | 'running' | 'unavailable'> => {
      try {
        await deps.client.workflow.start(CRM_SYNC_WORKFLOW, {
          taskQueue: deps.taskQueue,
          workflowId: crmBackfillWorkflowId(tenantId),
          args: [{ tenantId, backfill: true }],
        });
        return 'started';
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return 'running';
        throw err;
      }
    },
    { timeoutMs: deps.timeoutMs, fallback: () => 'unavailable' as const },
  );
  return {
    schedule: (tenantId, connected) => schedule.fire(tenantId, connected),
    backfill: (tenantId) => backfill.fire(tenantId),
  };
}
