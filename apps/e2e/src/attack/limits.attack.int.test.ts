import { describe, expect, it } from 'vitest';
import {
  createLimits,
  DEMO_TENANT,
  updateContactDetails,
  upsertContactByPhone,
} from '@receptionist/db';
import { BUDGET_EXCEEDED_METRIC } from '@receptionist/observability';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';
import { waitFor } from '@receptionist/testing';
import { useDoubledStack } from '../../test/agent-double.ts';
import { callParams, speechParams, rowsOf } from '../../test/channel-stack.ts';

/**
 * Finding 7: no limits per business or per caller. Each business has daily budgets (model
 * tokens and cost, texts, transfers dialled), each caller a rate (turns a minute, texts an hour),
 * staff are told of one caller once per window, texts and dials stay in the allowed countries, and
 * a turn's text and lead.custom are bounded. Over a limit the caller hears or is texted a sentence
 * (never silence, never a 5xx) and the operator's metric counts the refusal.
 */
let seq = 0;
const sid = (p = 'CA') => `${p}${Date.now().toString(16)}${(seq++).toString(16).padStart(10, '0')}`;
const STAFF = '+14155550199';
const LIMITS = {
  modelTokensPerDay: 1_000,
  dialsPerDay: 1,
  turnsPerMinutePerContact: 3,
  smsPerDay: 50,
  smsPerHourPerContact: 2,
};
const tenant = () => ({
  id: stack.tenantId,
  timezone: 'America/New_York',
  settings: { limits: LIMITS },
});
const outbox = (to: string, purpose = 'reply') =>
  rows(`SELECT body, status FROM outbound_messages WHERE "to" = $1 AND purpose = $2`, [
    to,
    purpose,
  ]);
const refusals = async (kind: string, registry: 'backend' | 'worker') => {
  const r = registry === 'backend' ? stack.metrics.registry : stack.workerMetrics.registry;
  const metric = await r.getSingleMetric(BUDGET_EXCEEDED_METRIC)?.get();
  return metric?.values.find((v) => v.labels.kind === kind)?.value ?? 0;
};
/** Clears every counter, so each finding starts from a fresh day. */
const resetCounters = () =>
  stack.redis.client.eval(
    "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end",
    0,
    `${stack.redis.prefix}limits:*`,
  );

async function call(callSid: string, from: string) {
  const res = await stack.post('/twilio/voice', callParams(callSid, { From: from }));
  expect(res.status).toBe(200);
}
async function turn(callSid: string, from: string, speech: string) {
  const res = await stack.post('/twilio/voice/turn', speechParams(callSid, from, speech));
  expect(res.status).toBe(200);
  return readTwiml(res.text);
}
const said = (verbs: ReturnType<typeof readTwiml>) =>
  verbs.flatMap((v) => (v.verb === 'Say' ? [v.text] : v.verb === 'Gather' ? v.says : [])).join(' ');
async function text(from: string, body: string) {
  const res = await stack.post('/twilio/sms', {
    MessageSid: sid('SM'),
    AccountSid: `AC${'0'.repeat(32)}`,
    From: from,
    To: DEMO_TENANT.phoneNumber,
    Body: body,
  });
  expect(res.status).toBe(200);
}

const { stack, agent } = useDoubledStack({ agentTimeoutMs: 3_000 }, (stack) =>
  stack.tdb.pool.query(
    `UPDATE tenants SET settings = jsonb_set(settings, '{limits}', $2::jsonb) WHERE id = $1`,
    [stack.tenantId, JSON.stringify(LIMITS)],
  ),
);
const rows = rowsOf(stack);

describe('finding 7: limits per business and per caller', () => {
  it("over the day's model budget a caller is put through to the team, and the agent is not asked", async () => {
    await resetCounters();
    agent.script = () => ({ reply: 'Happy to help with that.' });
    await createLimits({ redis: stack.redis.client }).recordModelUsage(tenant(), {
      tokens: 1_000,
      costMicroUsd: 0,
    });
    const callSid = sid();
    await call(callSid, '+14155550301');
    const before = agent.requests.length;
    const verbs = await turn(callSid, '+14155550301', 'I want to book a cleaning');
    expect(agent.requests.length).toBe(before);
    expect(said(verbs)).toContain("can't help with more requests by phone today");
    expect(verbs.find((v) => v.verb === 'Dial')).toMatchObject({ number: STAFF });
    expect(await refusals('model_tokens', 'backend')).toBeGreaterThan(0);
  });

  it('over the model budget a texter is told the team will text back, and the team is told', async () => {
    await resetCounters();
    await createLimits({ redis: stack.redis.client }).recordModelUsage(tenant(), {
      tokens: 1_000,
      costMicroUsd: 0,
    });
    const from = '+14155550302';
    const before = agent.requests.length;
    await text(from, 'Can I book a whitening?');
    await waitFor(async () => (await outbox(from)).length === 1, 20_000, 'the over-budget text');
    expect((await outbox(from))[0]!.body).toContain("can't answer more texts today");
    await waitFor(
      async () => (await outbox(STAFF, 'staff_escalation')).length > 0,
      20_000,
      'staff',
    );
    expect(agent.requests.length).toBe(before);
    expect(await refusals('model_tokens', 'worker')).toBeGreaterThan(0);
  });

  it('a caller faster than a person is asked to slow down, and the agent only hears the allowed turns', async () => {
    await resetCounters();
    // Four turns inside one clock minute (the window is the minute).
    while (new Date().getSeconds() > 50) await new Promise((r) => setTimeout(r, 1_000));
    agent.script = () => ({ reply: 'Sure.' });
    const from = '+14155550303';
    const callSid = sid();
    await call(callSid, from);
    const before = agent.requests.length;
    const replies: string[] = [];
    for (let i = 0; i < 4; i++) replies.push(said(await turn(callSid, from, `question ${i}`)));
    expect(agent.requests.length - before).toBe(3);
    expect(replies[3]).toContain("I'm still working on that");
    expect(await refusals('turn_rate', 'backend')).toBeGreaterThan(0);
  });

  it("once the day's transfers are dialled, the next caller who asks leaves a message instead", async () => {
    await resetCounters();
    agent.script = () => ({
      reply: 'Let me connect you.',
      actions: [{ type: 'transfer', to: STAFF, summary: 'wants a person' }],
    });
    const first = sid();
    await call(first, '+14155550304');
    expect(
      (await turn(first, '+14155550304', 'a person please')).find((v) => v.verb === 'Dial'),
    ).toMatchObject({ number: STAFF });
    const second = sid();
    await call(second, '+14155550305');
    const verbs = await turn(second, '+14155550305', 'a person please');
    expect(verbs.find((v) => v.verb === 'Dial')).toBeUndefined();
    expect(said(verbs)).toContain("can't connect you with someone right now");
    expect(verbs.find((v) => v.verb === 'Gather')).toMatchObject({
      action: expect.stringContaining('/twilio/voice/message'),
    });
    expect(await refusals('dials', 'backend')).toBeGreaterThan(0);
  });

  it('"talk to a person" again within the window does not text every staff number again', async () => {
    await resetCounters();
    agent.script = () => ({
      reply: "I'll let the team know.",
      actions: [{ type: 'take_message', summary: 'wants a person' }],
    });
    const from = '+14155550306';
    await text(from, 'I need a person');
    await waitFor(async () => (await outbox(from)).length === 1, 20_000, 'first reply');
    await text(from, 'A PERSON. NOW.');
    await waitFor(async () => (await outbox(from)).length === 2, 20_000, 'second reply');
    const staff = await rows(
      `SELECT body FROM outbound_messages WHERE "to" = $1 AND purpose = 'staff_escalation' AND body LIKE '%' || $2 || '%'`,
      [STAFF, from],
    );
    expect(staff).toHaveLength(1);
  });

  it("a texter gets no more texts an hour than the business allows, nor once the day's are sent", async () => {
    await resetCounters();
    agent.script = () => ({ reply: 'Thanks for your text.' });
    const from = '+14155550307';
    for (const body of ['one', 'two', 'three']) await text(from, body);
    await waitFor(async () => (await refusals('contact_sms', 'worker')) > 0, 20_000, 'refusal');
    expect(await outbox(from)).toHaveLength(2);

    await resetCounters();
    const limits = createLimits({ redis: stack.redis.client });
    for (let i = 0; i < LIMITS.smsPerDay; i++) await limits.consumeSms(tenant(), `filler-${i}`);
    const late = '+14155550308';
    await text(late, 'hello?');
    await waitFor(async () => (await refusals('sms', 'worker')) > 0, 20_000, 'daily refusal');
    expect(await outbox(late)).toHaveLength(0);
  });

  it('texts go only to the countries the business serves (its own by default)', async () => {
    await resetCounters();
    agent.script = () => ({ reply: 'Thanks for your text.' });
    const abroad = '+447700900123';
    await text(abroad, 'hello from London');
    await waitFor(async () => (await refusals('country', 'worker')) > 0, 20_000, 'refusal');
    expect(await outbox(abroad)).toHaveLength(0);
  });

  it('a turn carries at most 4,000 characters of speech, and an overlong one is not an error', async () => {
    await resetCounters();
    agent.script = () => ({ reply: 'That was a lot.' });
    const callSid = sid();
    await call(callSid, '+14155550309');
    const verbs = await turn(callSid, '+14155550309', 'word '.repeat(2_000));
    expect(said(verbs)).toContain('That was a lot.');
    expect(agent.requests.at(-1)!.text.length).toBeLessThanOrEqual(4_000);
  });

  it('lead.custom cannot grow without bound', async () => {
    const contact = await upsertContactByPhone(stack.tdb.pool, stack.tenantId, '+14155550310');
    const custom = Object.fromEntries(
      Array.from({ length: 1_000 }, (_, i) => [`field-${i}`, 'x'.repeat(10_000)]),
    );
    await updateContactDetails(stack.tdb.pool, stack.tenantId, contact.id, {
      qualification: { custom },
    });
    const [row] = await rows(`SELECT qualification FROM contacts WHERE id = $1`, [contact.id]);
    const stored = (row!.qualification as { custom: Record<string, string> }).custom;
    expect(Object.keys(stored).length).toBeLessThanOrEqual(20);
    expect(Math.max(...Object.values(stored).map((v) => v.length))).toBeLessThanOrEqual(500);
  });
});
