// The waits of the lead and escalation follow-ups on Temporal's time-skipping test server: days
// and minutes pass in milliseconds, and each activity records the (skipped) time it ran at.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  escalationFollowUpWorkflowId,
  escalationResolvedSignal,
  leadBookedSignal,
  leadFollowUpStatusQuery,
  leadFollowUpWorkflowId,
  type EscalationFollowUpInput,
  type LeadFollowUpInput,
} from '@receptionist/booking-client/messages';
import { timeSkippingWorker, useTimeSkippingEnv } from './time-skipping.ts';
import type { FollowUpActivities } from '../src/activities/follow-ups.activities.ts';
import type { FollowUpSendResult } from '../src/activities/follow-ups.activities.ts';

const DAY = 86_400_000;
const MIN = 60_000;
const env = useTimeSkippingEnv();

interface Sent {
  kind: string;
  at: number;
  step?: number;
}

/** Runs one workflow with stand-in activities that record when they ran and answer as told. */
async function run<R>(
  workflowType: string,
  workflowId: string,
  input: unknown,
  answer: (kind: string, step: number, calls: Sent[]) => FollowUpSendResult & { to?: string },
  drive?: (handle: Awaited<ReturnType<typeof env.client.workflow.start>>) => Promise<void>,
  /** The tenant's lead days, as the plan activity gives them (default day 1, 3 and 7). */
  leadOffsetsMs = [1 * DAY, 3 * DAY, 7 * DAY],
) {
  const calls: Sent[] = [];
  const taskQueue = `follow-ups-${randomUUID()}`;
  const record = async (kind: string, step = 0) => {
    calls.push({ kind, step, at: await env.currentTimeMs() });
    return answer(kind, step, calls);
  };
  const activities: Partial<FollowUpActivities> = {
    leadFollowUpPlan: async () => ({ offsetsMs: leadOffsetsMs }),
    sendLeadFollowUp: async (f) => record('lead', f.step),
    escalationFollowUpPlan: async () => ({ reminderAfterMs: 15 * MIN, maxReminders: 3 }),
    textCallerCallBack: async () => record('caller'),
    remindStaff: async (f) => ({ to: `contact ${f.step}`, ...(await record('staff', f.step)) }),
  };
  const worker = await timeSkippingWorker(env, taskQueue, activities);
  const started = await env.currentTimeMs();
  const result = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(workflowType, {
      taskQueue,
      workflowId,
      args: [input],
    });
    if (drive) await drive(handle);
    return (await handle.result()) as R;
  });
  const since = (input as { raisedAt?: string }).raisedAt
    ? Date.parse((input as { raisedAt: string }).raisedAt)
    : started;
  // Times from the workflow's own anchor: its start, or when the escalation was raised.
  return { result, calls: calls.map((c) => ({ ...c, at: c.at - since })) };
}

/** `run`'s first arguments for the workflow of `input`. */
const leadWorkflow = (input: LeadFollowUpInput) =>
  ['leadFollowUpWorkflow', leadFollowUpWorkflowId(input.tenantId, input.contactId), input] as const;
const lead = (over: Partial<LeadFollowUpInput> = {}): LeadFollowUpInput => ({
  tenantId: randomUUID(),
  contactId: randomUUID(),
  businessPhone: '+14155550100',
  ...over,
});

describe('lead follow-up waits', () => {
  it('texts on day 1, 3 and 7 after the call by default', async () => {
    const input = lead();
    const { result, calls } = await run(...leadWorkflow(input), () => ({ sent: true }));
    expect(result).toEqual({ sent: 3, stopped: 'done' });
    expect(calls.map((c) => c.step)).toEqual([0, 1, 2]);
    // Each at its day, to the minute (the server's clock moves on a little between steps).
    for (const [i, day] of [1, 3, 7].entries()) {
      expect(calls[i]!.at).toBeGreaterThanOrEqual(day * DAY);
      expect(calls[i]!.at).toBeLessThan(day * DAY + MIN);
    }
  }, 120_000);

  it('stops at a booking signalled between two texts', async () => {
    const input = lead();
    const { result, calls } = await run(
      ...leadWorkflow(input),
      () => ({ sent: true }),
      async (handle) => {
        await env.sleep(2 * DAY);
        const view = await handle.query(leadFollowUpStatusQuery);
        expect(view).toMatchObject({ sent: 1, planned: 3, stopped: null });
        // Another tenant's signal is ignored; the lead's own tenant's is not.
        await handle.signal(leadBookedSignal, { tenantId: randomUUID() });
        await handle.signal(leadBookedSignal, { tenantId: input.tenantId });
      },
    );
    expect(result).toEqual({ sent: 1, stopped: 'booked' });
    expect(calls).toHaveLength(1);
  }, 120_000);

  it('holds a text in quiet hours until the time the activity gives, then sends it', async () => {
    const input = lead();
    const { result, calls } = await run(
      ...leadWorkflow(input),
      (_kind, _step, sofar) =>
        sofar.length === 1
          ? { sent: false, retryAt: new Date(sofar[0]!.at + 9 * 3_600_000).toISOString() }
          : { sent: true },
      undefined,
      [DAY],
    );
    expect(result).toEqual({ sent: 1, stopped: 'done' });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(9 * 3_600_000);
    expect(calls[1]!.at - calls[0]!.at).toBeLessThan(9 * 3_600_000 + MIN);
  }, 120_000);

  it('ends when the contact has opted out by the time a text is due', async () => {
    const input = lead();
    const { result, calls } = await run(...leadWorkflow(input), (_k, step) =>
      step === 0 ? { sent: true } : { sent: false, stop: 'opted_out' },
    );
    expect(result).toEqual({ sent: 1, stopped: 'opted_out' });
    expect(calls.map((c) => c.step)).toEqual([0, 1]);
  }, 120_000);
});

/** `run`'s first arguments for the workflow of `input`. */
const escalationWorkflow = (input: EscalationFollowUpInput) =>
  ['escalationFollowUpWorkflow', escalationFollowUpWorkflowId(input.escalationId), input] as const;
const escalation = (raisedAgoMs = 0): Promise<EscalationFollowUpInput> =>
  env.currentTimeMs().then((now) => ({
    tenantId: randomUUID(),
    escalationId: randomUUID(),
    raisedAt: new Date(now - raisedAgoMs).toISOString(),
    callerPhone: '+14155550123',
    businessPhone: '+14155550100',
  }));

describe('escalation follow-up waits', () => {
  it('texts the caller at once, then reminds the next contact every 15 minutes', async () => {
    const input = await escalation();
    const { result, calls } = await run(...escalationWorkflow(input), () => ({ sent: true }));
    expect(result).toEqual({ reminders: 3, resolved: false });
    expect(calls.map((c) => `${c.kind}:${c.step}`)).toEqual([
      'caller:0',
      'staff:0',
      'staff:1',
      'staff:2',
    ]);
    expect(calls[0]!.at).toBeLessThan(MIN);
    for (const [i, n] of [1, 2, 3].entries()) {
      expect(calls[i + 1]!.at).toBeGreaterThanOrEqual(n * 15 * MIN);
      expect(calls[i + 1]!.at).toBeLessThan(n * 15 * MIN + MIN);
    }
  }, 120_000);

  it('stops reminding once resolved, and counts from when the escalation was raised', async () => {
    // Raised 20 minutes before the follow-up started (the call went on): the first reminder is due.
    const input = await escalation(20 * MIN);
    const { result, calls } = await run(
      ...escalationWorkflow(input),
      () => ({ sent: true }),
      async (handle) => {
        await env.sleep(5 * MIN);
        await handle.signal(escalationResolvedSignal, { tenantId: input.tenantId, by: 'Ana' });
      },
    );
    expect(result).toEqual({ reminders: 1, resolved: true });
    expect(calls.map((c) => c.kind)).toEqual(['caller', 'staff']);
    // Counted from when it was raised: due at once, not 15 minutes after the follow-up began.
    expect(calls[1]!.at).toBeLessThan(20 * MIN + MIN);
  }, 120_000);
});
