// The outbound call and campaign workflows' waits on Temporal's time-skipping server: calling
// hours, the retry delay and the calling number's pacing pass in milliseconds. Activities are
// in-memory doubles; the Twilio callbacks are the signals the backend would send.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import {
  amdResultSignal,
  campaignWorkflowId,
  dialStatusSignal,
  outboundCallQuery,
  outboundCallWorkflowId,
  type OutboundPolicy,
} from '@receptionist/booking-client/messages';
import type { OutboundCallActivities } from '../src/activities/outbound-call.activities.ts';
import { workflowBundle } from './harness.ts';
import { timeSkippingEnv } from './time-skipping.ts';

const HOUR = 3_600_000;
const policy: OutboundPolicy = {
  maxAttempts: 3,
  retryDelayMs: 4 * HOUR,
  numberSpacingMs: 30_000,
  concurrency: 2,
  callTimeoutMs: 30 * 60_000,
};

interface Script {
  /** Calling-hours waits prepareOutboundDial answers before allowing the dial. */
  waits?: number[];
  skip?: 'opted_out' | 'no_consent' | 'over_budget';
  /** Per attempt: what Twilio reports. */
  calls: { answeredBy?: string; status: string }[];
}

let env: TestWorkflowEnvironment;
let teardown: () => Promise<void>;
const scripts = new Map<string, Script>();
const log: { kind: string; targetId: string; at: number; detail?: string }[] = [];

function doubles(): Partial<OutboundCallActivities> {
  const now = () => env.currentTimeMs();
  const s = (targetId: string) => scripts.get(targetId)!;
  let nextSlot = 0;
  const machines = new Map<string, string>();
  return {
    async prepareOutboundDial({ targetId }) {
      const sc = s(targetId);
      if (sc.skip) return { action: 'skip', outcome: sc.skip };
      const wait = sc.waits?.shift();
      if (wait) return { action: 'wait', waitMs: wait, reason: 'calling_hours' };
      return { action: 'dial', from: '+14155550100' };
    },
    async reserveCallingNumber({ spacingMs }) {
      const t = await now();
      const slot = Math.max(nextSlot, t);
      nextSlot = slot + spacingMs;
      return { waitMs: slot - t };
    },
    async placeOutboundCall({ targetId, attempt, workflowId }) {
      log.push({ kind: 'dial', targetId, at: await now(), detail: String(attempt) });
      const callSid = `CA${randomUUID().replace(/-/g, '')}`;
      const plan = s(targetId).calls[attempt - 1]!;
      const h = env.client.workflow.getHandle(workflowId);
      const tenantId = 't1';
      // Delivered before the activity answers: with time skipping, a callback that came later in
      // real time would find the workflow's call timeout already skipped to.
      if (plan.answeredBy)
        await h.signal(amdResultSignal, { tenantId, callSid, answeredBy: plan.answeredBy });
      // A machine's call lasts until the voicemail is said (leaveVoicemail ends it below).
      if (plan.answeredBy?.startsWith('machine')) machines.set(callSid, workflowId);
      else await h.signal(dialStatusSignal, { tenantId, callSid, status: plan.status });
      return { callSid };
    },
    async leaveVoicemail({ targetId, callSid }) {
      log.push({ kind: 'voicemail', targetId, at: await now() });
      const workflowId = machines.get(callSid)!;
      await env.client.workflow
        .getHandle(workflowId)
        .signal(dialStatusSignal, { tenantId: 't1', callSid, status: 'completed' });
      return { left: true };
    },
    async recordOutboundDialResult() {},
    async finishOutboundTarget({ targetId, outcome }) {
      log.push({ kind: 'finish', targetId, at: await now(), detail: outcome });
    },
    async loadCampaignTargets({ campaignId }) {
      return { targetIds: [...scripts.keys()].filter((k) => k.startsWith(campaignId)) };
    },
    async finishCampaign() {},
  };
}

let worker: Worker;
let running: Promise<void>;
const taskQueue = `outbound-ts-${randomUUID()}`;

beforeAll(async () => {
  env = await timeSkippingEnv();
  teardown = () => env.teardown();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: doubles(),
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await teardown?.();
});

const start = (targetId: string, p: Partial<OutboundPolicy> = {}) =>
  env.client.workflow.start('outboundCallWorkflow', {
    taskQueue,
    workflowId: outboundCallWorkflowId(targetId),
    args: [{ tenantId: 't1', campaignId: 'c', targetId, policy: { ...policy, ...p } }],
  });
const of = (targetId: string, kind: string) =>
  log.filter((e) => e.targetId === targetId && e.kind === kind);

describe('outbound call workflow (time-skipping)', () => {
  it('waits for the contact’s calling hours, dials, and leaves the voicemail after the beep', async () => {
    const id = randomUUID();
    scripts.set(id, {
      waits: [10 * HOUR],
      calls: [{ answeredBy: 'machine_end_beep', status: 'completed' }],
    });
    const t0 = await env.currentTimeMs();
    const h = await start(id);
    expect(await h.result()).toBe('voicemail');
    const [dial] = of(id, 'dial');
    expect(dial!.at - t0).toBeGreaterThanOrEqual(10 * HOUR);
    expect(of(id, 'voicemail')).toHaveLength(1);
    expect(of(id, 'finish').map((e) => e.detail)).toEqual(['voicemail']);
  });

  it('a person who answers gets the agent, no voicemail', async () => {
    const id = randomUUID();
    scripts.set(id, { calls: [{ answeredBy: 'human', status: 'completed' }] });
    const h = await start(id);
    expect(await h.result()).toBe('human');
    expect(of(id, 'voicemail')).toHaveLength(0);
    expect((await h.query(outboundCallQuery)).phase).toBe('done');
  });

  it('no answer is dialled again after the retry delay, up to the attempts of the policy', async () => {
    const id = randomUUID();
    scripts.set(id, {
      calls: [{ status: 'no-answer' }, { status: 'busy' }, { status: 'no-answer' }],
    });
    const h = await start(id);
    expect(await h.result()).toBe('no_answer');
    const dials = of(id, 'dial');
    expect(dials.map((d) => d.detail)).toEqual(['1', '2', '3']);
    expect(dials[1]!.at - dials[0]!.at).toBeGreaterThanOrEqual(4 * HOUR);
    expect(dials[2]!.at - dials[1]!.at).toBeGreaterThanOrEqual(4 * HOUR);
  });

  it('stops retrying once someone answers', async () => {
    const id = randomUUID();
    scripts.set(id, { calls: [{ status: 'busy' }, { answeredBy: 'human', status: 'completed' }] });
    expect(await (await start(id, { retryDelayMs: HOUR })).result()).toBe('human');
    expect(of(id, 'dial')).toHaveLength(2);
  });

  it('never dials a contact who opted out or gave no consent', async () => {
    for (const skip of ['opted_out', 'no_consent'] as const) {
      const id = randomUUID();
      scripts.set(id, { skip, calls: [] });
      expect(await (await start(id)).result()).toBe(skip);
      expect(of(id, 'dial')).toHaveLength(0);
    }
  });
});

describe('campaign workflow (time-skipping)', () => {
  it('calls every contact through its own child, paced on the calling number', async () => {
    const campaignId = randomUUID();
    const ids = [0, 1, 2, 3].map((i) => `${campaignId}-${i}`);
    scripts.set(ids[0]!, { calls: [{ answeredBy: 'human', status: 'completed' }] });
    scripts.set(ids[1]!, { calls: [{ answeredBy: 'machine_end_silence', status: 'completed' }] });
    scripts.set(ids[2]!, { skip: 'opted_out', calls: [] });
    scripts.set(ids[3]!, { calls: [{ status: 'no-answer' }] });
    const h = await env.client.workflow.start('campaignWorkflow', {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ tenantId: 't1', campaignId, policy: { ...policy, maxAttempts: 1 } }],
    });
    const view = await h.result();
    expect(view).toMatchObject({ total: 4, started: 4, finished: 4, cancelled: false });
    expect(view.outcomes).toEqual({ human: 1, voicemail: 1, opted_out: 1, no_answer: 1 });
    const dials = log.filter((e) => e.kind === 'dial' && e.targetId.startsWith(campaignId));
    const times = dials.map((d) => d.at).sort((a, b) => a - b);
    // Spaced from the reservation, a few test-server milliseconds before each dial.
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(policy.numberSpacingMs - 1_000);
  });
});
