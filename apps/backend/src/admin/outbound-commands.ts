import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  CAMPAIGN_WORKFLOW,
  campaignWorkflowId,
  cancelCampaignSignal,
  type CampaignInput,
  type OutboundPolicy,
} from '@receptionist/booking-client/messages';
import type { BreakerFactory } from '@receptionist/integrations/breaker';

/** What the admin API asks of outbound calling; the campaign workflow owns the calls. */
export interface OutboundCommands {
  /** Starts `campaign-<id>`; false when Temporal is not answering. */
  startCampaign(tenantId: string, campaignId: string, policy: OutboundPolicy): Promise<boolean>;
  cancelCampaign(tenantId: string, campaignId: string): Promise<boolean>;
}

export function createOutboundCommands(deps: {
  client: Client;
  taskQueue: string;
  breakers: BreakerFactory;
  timeoutMs: number;
}): OutboundCommands {
  const start = deps.breakers.create(
    'admin_campaign_start',
    async (input: CampaignInput) => {
      try {
        await deps.client.workflow.start(CAMPAIGN_WORKFLOW, {
          taskQueue: deps.taskQueue,
          workflowId: campaignWorkflowId(input.campaignId),
          args: [input],
          // Retries and calling hours stretch a campaign over days, never over a month.
          workflowExecutionTimeout: '30 days',
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      return true;
    },
    { timeoutMs: deps.timeoutMs, fallback: () => false },
  );
  const cancel = deps.breakers.create(
    'admin_campaign_cancel',
    async (tenantId: string, campaignId: string) => {
      await deps.client.workflow
        .getHandle(campaignWorkflowId(campaignId))
        .signal(cancelCampaignSignal, { tenantId });
      return true;
    },
    { timeoutMs: deps.timeoutMs, fallback: () => false },
  );
  return {
    startCampaign: (tenantId, campaignId, policy) => start.fire({ tenantId, campaignId, policy }),
    cancelCampaign: (tenantId, campaignId) => cancel.fire(tenantId, campaignId),
  };
}
