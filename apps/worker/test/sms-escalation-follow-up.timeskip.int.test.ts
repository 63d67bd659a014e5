// An escalation raised in an SMS thread on Temporal's time-skipping test server: the contact's
// SMS workflow starts the escalation follow-up a call's end would, and it outlives the thread.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  escalationFollowUpStatusQuery,
  escalationFollowUpWorkflowId,
  escalationResolvedSignal,
} from '@receptionist/booking-client/messages';
import { SMS_INBOUND_SIGNAL, type SmsInbound } from '@receptionist/domain';
import { timeSkippingWorker, useTimeSkippingEnv } from './time-skipping.ts';
import type { Activities } from '../src/activities/index.ts';

const MIN = 60_000;
const env = useTimeSkippingEnv();

describe('SMS escalation follow-up', () => {
  it('texts the texter, reminds staff every N minutes until resolved, once per escalation', async () => {
    const tenantId = randomUUID();
    const escalationId = randomUUID();
    const taskQueue = `sms-escalation-${randomUUID()}`;
    const calls: { kind: string; at: number; to?: string }[] = [];
    let raisedAt = '';
    let asked = 0;
    const activities: Partial<Activities> = {
      smsReply: async () => null,
      // The thread's escalation stays open across texts: asked after every one.
      smsEscalationsToFollow: async () => {
        asked += 1;
        return [{ id: escalationId, raisedAt }];
      },
      escalationFollowUpPlan: async () => ({ reminderAfterMs: 10 * MIN, maxReminders: 3 }),
      textCallerCallBack: async (f) => {
        calls.push({ kind: 'caller', at: await env.currentTimeMs(), to: f.callerPhone });
        return { sent: true };
      },
      remindStaff: async (f) => {
        calls.push({ kind: 'staff', at: await env.currentTimeMs() });
        return { sent: true, to: `contact ${f.step}` };
      },
    };
    const worker = await timeSkippingWorker(env, taskQueue, activities);
    const texted = (n: number): SmsInbound => ({
      messageSid: `SM${randomUUID().replaceAll('-', '')}`,
      tenantId,
      contactId: randomUUID(),
      conversationKey: `sms:${n}`,
      from: '+14155550177',
      to: '+14155550100',
      body: n === 0 ? 'I want to talk to a person' : 'hello?',
      keyword: null,
    });
    const result = await worker.runUntil(async () => {
      raisedAt = new Date(await env.currentTimeMs()).toISOString();
      const sms = await env.client.workflow.signalWithStart('smsWorkflow', {
        taskQueue,
        workflowId: `sms-${tenantId}`,
        args: [{ tenantId, phone: '+14155550177' }],
        signal: SMS_INBOUND_SIGNAL,
        signalArgs: [texted(0)],
      });
      const follow = env.client.workflow.getHandle(escalationFollowUpWorkflowId(escalationId));
      // A second text of the thread asks again: the follow-up already running is left alone.
      await sms.signal(SMS_INBOUND_SIGNAL, texted(1));
      for (let i = 0; i < 200 && asked < 2; i++) await new Promise((r) => setTimeout(r, 50));
      await env.sleep(25 * MIN);
      const view = await follow.query(escalationFollowUpStatusQuery);
      expect(view).toMatchObject({ escalationId, callerTexted: true, reminders: 2 });
      await follow.signal(escalationResolvedSignal, { tenantId: randomUUID(), by: 'other' });
      await follow.signal(escalationResolvedSignal, { tenantId, by: 'front desk' });
      return follow.result();
    });
    expect(asked).toBe(2);
    expect(result).toEqual({ reminders: 2, resolved: true });
    const raised = Date.parse(raisedAt);
    expect(calls.map((c) => c.kind)).toEqual(['caller', 'staff', 'staff']);
    expect(calls[0]!.to).toBe('+14155550177');
    for (const [i, n] of [1, 2].entries()) {
      expect(calls[i + 1]!.at - raised).toBeGreaterThanOrEqual(n * 10 * MIN);
      expect(calls[i + 1]!.at - raised).toBeLessThan(n * 10 * MIN + MIN);
    }
  }, 180_000);
});
