/**
 * The CRM sync workflow's public surface: ids, input, the progress query and the Temporal
 * Schedule that runs it per business.
 */
import { defineQuery } from '@temporalio/workflow';

export const CRM_SYNC_WORKFLOW = 'crmSyncWorkflow';
/** The scheduled run of a business (the Schedule appends its own timestamp to the id). */
export const crmSyncWorkflowId = (tenantId: string) => `crm-sync-${tenantId}`;
/** A backfill from the beginning, started by the admin API; one at a time per business. */
export const crmBackfillWorkflowId = (tenantId: string) => `crm-backfill-${tenantId}`;
export const crmSyncScheduleId = (tenantId: string) => `crm-sync-${tenantId}`;
/** How often the Schedule looks for what changed. */
export const CRM_SYNC_EVERY = '5 minutes';

export interface CrmSyncInput {
  tenantId: string;
  /** Start from the beginning: every contact, ended call and booking is looked at again. */
  backfill?: boolean;
}

export interface CrmSyncProgress {
  kind: 'contact' | 'call' | 'booking' | 'done';
  processed: number;
  hubspot: number;
  webhook: number;
  failed: number;
}

export const crmSyncProgressQuery = defineQuery<CrmSyncProgress>('crmSyncProgress');
