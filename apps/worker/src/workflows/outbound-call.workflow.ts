import { condition, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import {
  amdResultSignal,
  dialStatusSignal,
  outboundCallQuery,
  type OutboundCallInput,
  type OutboundCallView,
} from '@receptionist/booking-client/messages';
import type { OutboundOutcome } from '@receptionist/db';
import type { OutboundCallActivities } from '../activities/outbound-call.activities.ts';

// Database steps finish in milliseconds; keep retrying a dead worker or a blip for a while.
const records = proxyActivities<
  Pick<
    OutboundCallActivities,
    | 'prepareOutboundDial'
    | 'reserveCallingNumber'
    | 'recordOutboundDialResult'
    | 'finishOutboundTarget'
  >
>({
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    maximumInterval: '30 seconds',
    maximumAttempts: 20,
  },
});
// Twilio calls: the dial row makes a retry reuse the call, so a few retries are safe; a voicemail
// that cannot be left within a minute is pointless, the machine has hung up by then.
const twilio = proxyActivities<
  Pick<OutboundCallActivities, 'placeOutboundCall' | 'leaveVoicemail'>
>({
  startToCloseTimeout: '20 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '10 seconds',
    maximumAttempts: 5,
    nonRetryableErrorTypes: ['VoiceNotConfigured', 'OutboundTargetNotFound'],
  },
});

const RETRYABLE: Record<string, OutboundOutcome> = {
  'no-answer': 'no_answer',
  busy: 'busy',
  failed: 'failed',
  canceled: 'failed',
};
const TERMINAL = new Set(['completed', ...Object.keys(RETRYABLE)]);
const isMachine = (answeredBy: string) => answeredBy.startsWith('machine_end');

/**
 * One contact of a campaign (or one callback): consent and STOP, the contact's calling hours,
 * the calling number's pacing, then the dial. Twilio's answering-machine detection decides: a
 * machine gets the business's voicemail after the beep, a person is already with the agent. No
 * answer, busy or failed is dialled again after the policy's delay, up to its attempts.
 */
export async function outboundCallWorkflow(input: OutboundCallInput): Promise<OutboundOutcome> {
  const { tenantId, targetId, policy } = input;
  const view: OutboundCallView = {
    phase: 'checking',
    attempt: 0,
    outcome: null,
    waitingUntil: null,
  };
  const amd = new Map<string, string>();
  const status = new Map<string, string>();
  setHandler(amdResultSignal, (s) => {
    if (s.tenantId === tenantId) amd.set(s.callSid, s.answeredBy);
  });
  setHandler(dialStatusSignal, (s) => {
    if (s.tenantId === tenantId) status.set(s.callSid, s.status);
  });
  setHandler(outboundCallQuery, () => view);

  const wait = async (ms: number) => {
    view.phase = 'waiting';
    view.waitingUntil = new Date(Date.now() + ms).toISOString();
    await sleep(ms);
    view.waitingUntil = null;
  };
  const finish = async (outcome: OutboundOutcome) => {
    view.phase = 'done';
    view.outcome = outcome;
    await records.finishOutboundTarget({ tenantId, targetId, outcome });
    return outcome;
  };

  let last: OutboundOutcome = 'failed';
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    view.attempt = attempt;
    if (attempt > 1) await wait(policy.retryDelayMs);
    let decision = await records.prepareOutboundDial({ tenantId, targetId, attempt });
    while (decision.action === 'wait') {
      await wait(decision.waitMs);
      view.phase = 'checking';
      decision = await records.prepareOutboundDial({ tenantId, targetId, attempt });
    }
    if (decision.action === 'skip') return finish(decision.outcome);
    const { waitMs } = await records.reserveCallingNumber({
      tenantId,
      from: decision.from,
      spacingMs: policy.numberSpacingMs,
    });
    if (waitMs > 0) await wait(waitMs);

    view.phase = 'dialing';
    const placed = await twilio.placeOutboundCall({
      tenantId,
      targetId,
      attempt,
      from: decision.from,
      workflowId: workflowInfo().workflowId,
    });
    if ('skipped' in placed) return finish(placed.skipped);
    const { callSid } = placed;

    let voicemail = false;
    let answeredBy: string | undefined;
    const ended = () => TERMINAL.has(status.get(callSid) ?? '');
    const heard = () => answeredBy === undefined && amd.has(callSid);
    for (;;) {
      if (heard()) {
        answeredBy = amd.get(callSid)!;
        view.phase = 'in_call';
        await records.recordOutboundDialResult({ tenantId, callSid, answeredBy });
        if (isMachine(answeredBy) && !ended()) {
          try {
            voicemail = (await twilio.leaveVoicemail({ tenantId, targetId, callSid })).left;
          } catch {
            // The machine hung up before the message could be said: treated as not reached.
          }
        }
      }
      if (ended()) break;
      if (!(await condition(() => ended() || heard(), policy.callTimeoutMs))) break;
    }
    const final = status.get(callSid) ?? 'timeout';
    await records.recordOutboundDialResult({ tenantId, callSid, callStatus: final });
    if (voicemail) return finish('voicemail');
    if (answeredBy && isMachine(answeredBy)) {
      last = 'no_answer';
      continue;
    }
    if (final === 'completed') {
      // Answered: a person (or Twilio could not tell) talked with the agent; a machine that
      // never beeped got nothing worth another call either.
      return finish(answeredBy === 'fax' ? 'failed' : 'human');
    }
    last = RETRYABLE[final] ?? 'failed';
  }
  return finish(last);
}
