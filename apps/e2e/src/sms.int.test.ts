import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT } from '@receptionist/db';
import { smsWorkflowId, turnMessageSids } from '@receptionist/domain';
import { freePort, waitFor } from '@receptionist/testing';
import { smsParams, startChannelStack, type ChannelStack } from '../test/channel-stack.ts';

let stack: ChannelStack;
let seq = 0;
const messageSid = () => `SM${Date.now().toString(16)}${(seq++).toString(16).padStart(10, '0')}`;
const text = (from: string, body: string, sid = messageSid()) => ({
  sid,
  res: stack.post('/twilio/sms', smsParams(sid, from, body)),
});
// The texts the channel sends in the thread itself. The fallback raises an escalation, whose
// follow-up tells the texter later when to expect someone (sms-escalation-follow-up.int.test.ts):
// that text lands at its own time, so it is left out of the counts here.
const outbox = async (to: string) =>
  (
    await stack.tdb.pool.query(
      `SELECT idempotency_key, status, purpose, body FROM outbound_messages
        WHERE "to" = $1 AND purpose <> 'escalation_call_back' ORDER BY created_at, id`,
      [to],
    )
  ).rows as { idempotency_key: string; status: string; purpose: string; body: string }[];

beforeAll(async () => {
  // The agent service is down: replies come from the SMS fallback sentence, which is enough to
  // prove ordering, opt-out and idempotency without depending on what an agent says.
  stack = await startChannelStack({ agentUrl: `http://127.0.0.1:${await freePort()}` });
}, 90_000);
afterAll(async () => stack?.close());

describe('incoming SMS', () => {
  it('acknowledges at once with empty TwiML and replies from the contact workflow; a replay does nothing twice', async () => {
    const from = '+14155550201';
    const first = text(from, 'Do you take Delta Dental?');
    const res = await first.res;
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<Response\s*\/>|<Response><\/Response>/);
    await waitFor(async () => (await outbox(from)).length === 1, 20_000, 'reply');
    const replay = await stack.post(
      '/twilio/sms',
      smsParams(first.sid, from, 'Do you take Delta Dental?'),
    );
    expect(replay.status).toBe(200);
    // The replay never reached the contact's workflow: one signal in its history, one reply.
    const contact = await stack.tdb.pool.query(
      `SELECT id FROM contacts WHERE tenant_id = $1 AND phone = $2`,
      [stack.tenantId, from],
    );
    const history = await stack.temporal.workflow
      .getHandle(smsWorkflowId(stack.tenantId, contact.rows[0].id as string))
      .fetchHistory();
    const signals = (history.events ?? []).filter(
      (e) => e.workflowExecutionSignaledEventAttributes,
    );
    expect(signals).toHaveLength(1);
    const rows = await outbox(from);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      idempotency_key: `reply:${first.sid}`,
      status: 'queued',
      purpose: 'reply',
    });
    const msgs = (
      await stack.tdb.pool.query(
        `SELECT role, channel, provider_sid FROM messages WHERE provider_sid IN ($1, $2) ORDER BY created_at`,
        [turnMessageSids(first.sid).caller, turnMessageSids(first.sid).reply],
      )
    ).rows;
    expect(msgs).toEqual([
      { role: 'caller', channel: 'sms', provider_sid: turnMessageSids(first.sid).caller },
      { role: 'agent', channel: 'sms', provider_sid: turnMessageSids(first.sid).reply },
    ]);
  });

  it('handles again a text whose first delivery failed, once', async () => {
    const from = '+14155550209';
    const sid = messageSid();
    // An earlier delivery of this text was recorded, then its handling failed.
    await stack.tdb.pool.query(
      `INSERT INTO webhook_events (provider, event_id, event_type, tenant_id, status, error)
       VALUES ('twilio', $1, 'sms.inbound', $2, 'failed', 'workflow start refused')`,
      [sid, stack.tenantId],
    );
    const [a, b] = await Promise.all([
      text(from, 'Is there parking?', sid).res,
      text(from, 'Is there parking?', sid).res,
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await waitFor(async () => (await outbox(from)).length === 1, 20_000, 'reply');
    const { rows } = await stack.tdb.pool.query(
      `SELECT status FROM webhook_events WHERE provider = 'twilio' AND event_id = $1`,
      [sid],
    );
    expect(rows).toEqual([{ status: 'processed' }]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await outbox(from)).toHaveLength(1);
  });

  it('answers two quick texts in the order they came', async () => {
    const from = '+14155550202';
    const a = text(from, 'Hi, is Saturday open?');
    const b = text(from, 'And how much is whitening?');
    expect((await a.res).status).toBe(200);
    expect((await b.res).status).toBe(200);
    await waitFor(async () => (await outbox(from)).length === 2, 20_000, 'two replies');
    expect((await outbox(from)).map((r) => r.idempotency_key)).toEqual([
      `reply:${a.sid}`,
      `reply:${b.sid}`,
    ]);
  });

  it('honours STOP and its synonyms: every later text to the number is refused; START opts back in', async () => {
    const from = '+14155550203';
    expect((await text(from, ' Unsubscribe ').res).status).toBe(200);
    const contact = async () =>
      (
        await stack.tdb.pool.query(
          'SELECT opted_out FROM contacts WHERE tenant_id = $1 AND phone = $2',
          [stack.tenantId, from],
        )
      ).rows[0];
    expect(await contact()).toEqual({ opted_out: true });
    const later = text(from, 'Actually can I book a cleaning?');
    await later.res;
    const help = text(from, 'HELP');
    await help.res;
    await waitFor(
      async () => (await outbox(from)).length === 2,
      20_000,
      'refused attempts recorded',
    );
    expect((await outbox(from)).map((r) => [r.idempotency_key, r.status])).toEqual([
      [`reply:${later.sid}`, 'skipped_opted_out'],
      [`keyword:${help.sid}`, 'skipped_opted_out'],
    ]);

    const start = text(from, 'start');
    await start.res;
    expect(await contact()).toEqual({ opted_out: false });
    await waitFor(async () => (await outbox(from)).length === 3, 20_000, 'START confirmation');
    expect((await outbox(from))[2]).toMatchObject({
      idempotency_key: `keyword:${start.sid}`,
      status: 'queued',
      purpose: 'keyword_start',
    });
  });

  it('takes a plain "Yes" as an answer to the conversation unless the number is opted out', async () => {
    const from = '+14155550205';
    const eventType = async (sid: string) =>
      (
        await stack.tdb.pool.query('SELECT event_type FROM webhook_events WHERE event_id = $1', [
          sid,
        ])
      ).rows[0]?.event_type;
    // A booking read back by text, answered "Yes": the agent gets it, nobody is "subscribed again".
    const yes = text(from, 'Yes!');
    await yes.res;
    await waitFor(async () => (await outbox(from)).length === 1, 20_000, 'reply to yes');
    expect((await outbox(from))[0]).toMatchObject({
      idempotency_key: `reply:${yes.sid}`,
      purpose: 'reply',
    });
    expect(await eventType(yes.sid)).toBe('sms.inbound');
    const start = text(from, 'START');
    await start.res;
    await waitFor(async () => (await outbox(from)).length === 2, 20_000, 'reply to start');
    expect((await outbox(from))[1]).toMatchObject({ purpose: 'reply' });

    // Opted out, the same "Yes" is the carrier keyword that opts the number back in.
    await text(from, 'STOP').res;
    const optIn = text(from, 'yes');
    await optIn.res;
    expect(await eventType(optIn.sid)).toBe('sms.start');
    await waitFor(async () => (await outbox(from)).length === 3, 20_000, 'opt-in confirmation');
    expect((await outbox(from))[2]).toMatchObject({
      idempotency_key: `keyword:${optIn.sid}`,
      status: 'queued',
      purpose: 'keyword_start',
    });
    const contact = await stack.tdb.pool.query(
      'SELECT opted_out FROM contacts WHERE tenant_id = $1 AND phone = $2',
      [stack.tenantId, from],
    );
    expect(contact.rows[0]).toEqual({ opted_out: false });
  });

  it('tells the team when the caller is promised a text back', async () => {
    const from = '+14155550206';
    const asked = text(from, 'Can you book me in for a cleaning on Friday?');
    await asked.res;
    await waitFor(async () => (await outbox(from)).length === 1, 20_000, 'fallback reply');
    expect((await outbox(from))[0]!.body).toContain('someone from our team will text you back');
    const staff = await stack.tdb.pool.query(
      `SELECT "to", body FROM outbound_messages WHERE idempotency_key LIKE $1`,
      [`${asked.sid}:escalation:staff:%`],
    );
    expect(staff.rows).toEqual([
      { to: DEMO_TENANT.escalationPhone, body: expect.stringContaining('cleaning on Friday') },
    ]);
    const escalations = await stack.tdb.pool.query(
      `SELECT e.kind, e.status FROM escalations e JOIN contacts c ON c.id = e.contact_id
        WHERE e.tenant_id = $1 AND c.phone = $2`,
      [stack.tenantId, from],
    );
    expect(escalations.rows).toEqual([{ kind: 'message', status: 'open' }]);
  });

  it('acknowledges a text to an unknown number and stores nothing', async () => {
    const sid = messageSid();
    const res = await stack.post('/twilio/sms', {
      MessageSid: sid,
      From: '+14155550204',
      To: '+14155550999',
      Body: 'hello',
    });
    expect(res.status).toBe(200);
    expect(
      (await stack.tdb.pool.query('SELECT 1 FROM webhook_events WHERE event_id = $1', [sid]))
        .rowCount,
    ).toBe(0);
  });

  it('rejects a malformed text with a machine-readable 400', async () => {
    const res = await stack.post('/twilio/sms', {
      MessageSid: messageSid(),
      From: 'not-a-number',
      To: DEMO_TENANT.phoneNumber,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
