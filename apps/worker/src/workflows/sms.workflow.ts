import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  condition,
  continueAsNew,
  defineSignal,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import { escalationFollowUpWorkflowId } from '@receptionist/booking-client/messages';
import { SMS_INBOUND_SIGNAL, type SmsInbound } from '@receptionist/domain';
import type { ChannelActivities } from '../activities/channel.activities.ts';
import type { FollowUpActivities } from '../activities/follow-ups.activities.ts';

export const smsInboundSignal = defineSignal<[SmsInbound]>(SMS_INBOUND_SIGNAL);

const acts = proxyActivities<ChannelActivities>({
  startToCloseTimeout: '45 seconds',
  retry: { maximumAttempts: 6, initialInterval: '1 second' },
});

const followUps = proxyActivities<Pick<FollowUpActivities, 'smsEscalationsToFollow'>>({
  startToCloseTimeout: '20 seconds',
  retry: { maximumAttempts: 6, initialInterval: '1 second' },
});

/**
 * Each escalation the thread has open gets the follow-up a call's does (the texter told when
 * someone gets back to them, staff reminded until it is resolved); one already running under
 * its id is left alone, so every later text of the thread may ask again.
 */
async function followUpEscalations(m: SmsInbound): Promise<void> {
  const open = await followUps.smsEscalationsToFollow({
    tenantId: m.tenantId,
    conversationKey: m.conversationKey,
  });
  for (const e of open) {
    try {
      await startChild('escalationFollowUpWorkflow', {
        workflowId: escalationFollowUpWorkflowId(e.id),
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            tenantId: m.tenantId,
            escalationId: e.id,
            raisedAt: e.raisedAt,
            callerPhone: m.from,
            businessPhone: m.to,
            contactId: m.contactId,
          },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}

const IDLE = '30 minutes';
const TURNS_PER_RUN = 200;

/**
 * One contact's texts, one after another: two quick messages are answered in the order they
 * came, never crossed. The workflow idles out and signal-with-start brings it back.
 */
export async function smsWorkflow(args: { tenantId: string; phone: string }): Promise<number> {
  const queue: SmsInbound[] = [];
  const seen = new Set<string>();
  setHandler(smsInboundSignal, (m) => {
    if (seen.has(m.messageSid)) return;
    seen.add(m.messageSid);
    queue.push(m);
  });
  let handled = 0;
  for (;;) {
    if (!(await condition(() => queue.length > 0, IDLE))) return handled;
    const m = queue.shift()!;
    if (m.keyword) await acts.smsKeywordReply(m);
    else {
      await acts.smsReply(m);
      // Histories from before SMS escalations were followed up replay without it.
      if (patched('sms-escalation-follow-up')) await followUpEscalations(m);
    }
    handled += 1;
    if (handled >= TURNS_PER_RUN && queue.length === 0)
      await continueAsNew<typeof smsWorkflow>(args);
  }
}
