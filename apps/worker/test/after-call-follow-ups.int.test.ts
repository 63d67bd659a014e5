// The lead and escalation follow-ups and the post-call analysis on the dev server with the real
// activities: what a call starts once it is over, what is texted, in which language, and when not.
// The series' waits (texts days apart, reminders minutes apart) are in
// after-call-follow-ups.timeskip.int.test.ts.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  appendMessage,
  createCallIdempotent,
  ensureConversationRow,
  getCallAnalysis,
} from '@receptionist/db';
import {
  escalationFollowUpStatusQuery,
  escalationFollowUpWorkflowId,
  escalationResolvedSignal,
  leadFollowUpStatusQuery,
  leadFollowUpWorkflowId,
  leadTakenOverSignal,
  callAnalysisWorkflowId,
  type LeadFollowUpView,
} from '@receptionist/booking-client/messages';
import {
  CALL_ENDED_SIGNAL,
  CALL_EVENT_SIGNAL,
  CALL_WORKFLOW,
  callWorkflowId,
  type CallEvent,
} from '@receptionist/domain';
import { waitFor } from '@receptionist/testing';
import { caller, useHarness } from './harness.ts';

const BUSINESS = '+14155550100';
const started: string[] = [];
const h = useHarness('follow-ups', async (harness) => {
  for (const id of started)
    await harness.client.workflow
      .getHandle(id)
      .terminate('test finished')
      .catch(() => undefined);
});

/** A whole call through the call workflow: its rows, what the caller said, its events. */
async function call(
  tenantId: string,
  who: { phone: string; contact: { id: string } },
  o: {
    said: string[];
    events: CallEvent[];
    language?: string;
  },
) {
  const callSid = `CA${randomUUID().replace(/-/g, '')}`;
  const { call: row } = await createCallIdempotent(h.db.pool, tenantId, {
    callSid,
    fromNumber: who.phone,
    toNumber: BUSINESS,
    contactId: who.contact.id,
  });
  const conversationId = randomUUID();
  await ensureConversationRow(h.db.pool, tenantId, {
    id: conversationId,
    contactId: who.contact.id,
    channel: 'voice',
  });
  for (const text of o.said)
    await appendMessage(h.db.pool, tenantId, {
      conversationId,
      channel: 'voice',
      role: 'caller',
      text,
      callSid,
    });
  const handle = await h.client.workflow.start(CALL_WORKFLOW, {
    taskQueue: h.taskQueue,
    workflowId: callWorkflowId(callSid),
    args: [
      {
        tenantId,
        callSid,
        callId: row.id,
        contactId: who.contact.id,
        conversationId,
        callerPhone: who.phone,
        businessPhone: BUSINESS,
      },
    ],
  });
  for (const e of o.events) await handle.signal(CALL_EVENT_SIGNAL, e);
  await handle.signal(CALL_ENDED_SIGNAL, {
    status: 'completed',
    durationSeconds: 40,
    language: o.language,
  });
  await handle.result();
  started.push(callAnalysisWorkflowId(callSid));
  return { callSid, callId: row.id };
}

const textsTo = async (tenantId: string, phone: string) =>
  (await h.texts(tenantId)).filter((t) => t.to === phone).map((t) => [t.purpose, t.body]);

describe('lead follow-up', () => {
  it('starts for a qualified caller who did not book, plans day 1, 3, 7 and ends when a person takes over', async () => {
    const tenant = await h.makeTenant({ name: 'Bright Smile' });
    const who = await caller(h, tenant.id, 60);
    await call(tenant.id, who, {
      said: ['How much is a cleaning?'],
      events: [{ type: 'caller_spoke' }],
    });
    const id = leadFollowUpWorkflowId(tenant.id, who.contact.id);
    started.push(id);
    const handle = h.client.workflow.getHandle(id);
    let view: LeadFollowUpView | null = null;
    await waitFor(
      async () => {
        view = await handle.query(leadFollowUpStatusQuery).catch(() => null);
        return view?.planned === 3;
      },
      30_000,
      'the lead follow-up to plan its texts',
    );
    expect(view).toMatchObject({ contactId: who.contact.id, sent: 0, stopped: null });
    const dayOne = Date.parse(view!.nextAt!) - Date.now();
    expect(dayOne).toBeGreaterThan(86_400_000 - 60_000);
    expect(dayOne).toBeLessThanOrEqual(86_400_000);
    await handle.signal(leadTakenOverSignal, { tenantId: tenant.id, by: 'Ana' });
    expect(await handle.result()).toEqual({ sent: 0, stopped: 'taken_over' });
  }, 90_000);

  it('does not start for a caller who is not a lead, or who was handed to the staff', async () => {
    const tenant = await h.makeTenant();
    const cold = await caller(h, tenant.id, 10);
    await call(tenant.id, cold, {
      said: ['Are you open Sunday?'],
      events: [{ type: 'caller_spoke' }],
    });
    const warm = await caller(h, tenant.id, 80);
    await call(tenant.id, warm, {
      said: ['Can I leave a message?'],
      events: [
        { type: 'caller_spoke' },
        { type: 'message_taken', summary: 'Call back.', recorded: false },
      ],
    });
    for (const who of [cold, warm]) {
      await expect(
        h.client.workflow.getHandle(leadFollowUpWorkflowId(tenant.id, who.contact.id)).describe(),
      ).rejects.toThrow(/not found/i);
    }
  }, 90_000);
});

describe('escalation follow-up', () => {
  async function staffedTenant(name = 'Bright Smile') {
    const tenant = await h.makeTenant({ name });
    const desk = h.phone();
    const ana = h.phone();
    await h.db.pool.query(
      `UPDATE tenants SET escalation_phone = $2, escalation_contacts = $3 WHERE id = $1`,
      [tenant.id, desk, JSON.stringify([{ name: 'Ana', phone: ana }])],
    );
    return { tenant, desk, ana };
  }

  it('starts when a call leaves a message for the team', async () => {
    const { tenant } = await staffedTenant();
    const who = await caller(h, tenant.id);
    const { callId } = await call(tenant.id, who, {
      said: ['Please have someone call me about my bill'],
      events: [
        { type: 'caller_spoke' },
        { type: 'message_taken', summary: 'Billing.', recorded: false },
      ],
    });
    const { rows } = await h.db.pool.query('SELECT id FROM escalations WHERE call_id = $1', [
      callId,
    ]);
    const id = escalationFollowUpWorkflowId(rows[0].id);
    started.push(id);
    const handle = h.client.workflow.getHandle(id);
    await waitFor(
      async () =>
        (await handle.query(escalationFollowUpStatusQuery).catch(() => null))?.callerTexted ===
        true,
      30_000,
      'the caller to be told when to expect a call back',
    );
    const texts = await textsTo(tenant.id, who.phone);
    expect(texts).toContainEqual([
      'escalation_call_back',
      "Bright Smile: we've passed your message to the team; someone will call you back within about 60 minutes.",
    ]);
    await handle.signal(escalationResolvedSignal, { tenantId: tenant.id, by: 'Ana' });
    expect(await handle.result()).toEqual({ reminders: 0, resolved: true });
  }, 90_000);
});

describe('post-call analysis', () => {
  it('stores a record by the rules with the call, quoting the caller', async () => {
    const tenant = await h.makeTenant();
    const who = await caller(h, tenant.id);
    const { callId } = await call(tenant.id, who, {
      said: ['I want to book a cleaning', 'Thanks, that is perfect'],
      events: [
        { type: 'caller_spoke' },
        {
          type: 'booking_confirmed',
          bookingId: randomUUID(),
          startsAt: new Date().toISOString(),
          service: 'Cleaning',
        },
      ],
    });
    await waitFor(
      async () => !!(await getCallAnalysis(h.db.pool, tenant.id, callId)),
      30_000,
      'analysis',
    );
    const a = await getCallAnalysis(h.db.pool, tenant.id, callId);
    expect(a).toMatchObject({
      source: 'rules',
      intent: 'book',
      outcome: 'booked',
      followUpNeeded: false,
      sentiment: 'positive',
      evidence: { intent: ['I want to book a cleaning'], sentiment: ['Thanks, that is perfect'] },
    });
    // Another tenant never reads it.
    const other = await h.makeTenant();
    expect(await getCallAnalysis(h.db.pool, other.id, callId)).toBeNull();
  }, 90_000);
});
