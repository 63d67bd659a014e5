import {
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import {
  campaignProgressQuery,
  cancelCampaignSignal,
  outboundCallWorkflowId,
  type CampaignInput,
  type CampaignView,
} from '@receptionist/booking-client/messages';
import type { OutboundOutcome } from '@receptionist/db';
import type { OutboundCallActivities } from '../activities/outbound-call.activities.ts';
import { outboundCallWorkflow } from './outbound-call.workflow.ts';

const acts = proxyActivities<
  Pick<OutboundCallActivities, 'loadCampaignTargets' | 'finishCampaign' | 'finishOutboundTarget'>
>({
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    maximumInterval: '30 seconds',
    maximumAttempts: 20,
  },
});

/**
 * A campaign: every pending contact gets an outbound call workflow of its own (child
 * `outbound-call-<targetId>`), at most `policy.concurrency` at once; the calling number's pacing
 * is the children's. Cancelling stops new calls; calls under way finish.
 */
export async function campaignWorkflow(input: CampaignInput): Promise<CampaignView> {
  const { tenantId, campaignId, policy } = input;
  const { targetIds } = await acts.loadCampaignTargets({ tenantId, campaignId });
  const view: CampaignView = {
    total: targetIds.length,
    started: 0,
    finished: 0,
    cancelled: false,
    outcomes: {},
  };
  setHandler(campaignProgressQuery, () => view);
  setHandler(cancelCampaignSignal, (s) => {
    if (s.tenantId === tenantId) view.cancelled = true;
  });

  const running = new Map<string, Promise<void>>();
  const follow = (targetId: string, child: ChildWorkflowHandle<typeof outboundCallWorkflow>) =>
    child
      .result()
      .then(
        (outcome) => outcome,
        (): OutboundOutcome => 'failed',
      )
      .then((outcome) => {
        view.finished += 1;
        view.outcomes[outcome] = (view.outcomes[outcome] ?? 0) + 1;
        running.delete(targetId);
      });

  for (const targetId of targetIds) {
    while (running.size >= Math.max(1, policy.concurrency)) await Promise.race(running.values());
    if (view.cancelled) break;
    const child = await startChild(outboundCallWorkflow, {
      workflowId: outboundCallWorkflowId(targetId),
      args: [{ tenantId, campaignId, targetId, policy }],
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    });
    view.started += 1;
    running.set(targetId, follow(targetId, child));
  }
  await Promise.all(running.values());
  if (view.cancelled) {
    for (const targetId of targetIds.slice(view.started)) {
      await acts.finishOutboundTarget({ tenantId, targetId, outcome: 'cancelled' });
      view.outcomes.cancelled = (view.outcomes.cancelled ?? 0) + 1;
    }
  }
  await acts.finishCampaign({
    tenantId,
    campaignId,
    status: view.cancelled ? 'cancelled' : 'completed',
  });
  return view;
}
