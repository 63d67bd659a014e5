import {
  condition,
  continueAsNew,
  defineSignal,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import { SMS_INBOUND_SIGNAL, type SmsInbound } from '@receptionist/domain';
import type { ChannelActivities } from '../activities/channel.activities.ts';

export const smsInboundSignal = defineSignal<[SmsInbound]>(SMS_INBOUND_SIGNAL);

const acts = proxyActivities<ChannelActivities>({
  startToCloseTimeout: '45 seconds',
  retry: { maximumAttempts: 6, initialInterval: '1 second' },
});

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
    else await acts.smsReply(m);
    handled += 1;
    if (handled >= TURNS_PER_RUN && queue.length === 0)
      await continueAsNew<typeof smsWorkflow>(args);
  }
}
