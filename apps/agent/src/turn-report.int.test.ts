import { conversationRowId, listConversationMessages } from '@receptionist/db';
import type { TurnReport } from '@receptionist/domain';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { conversation, useAgent, useHarness, CALLER } from '../test/harness.ts';

const h = useHarness();
const agent = useAgent(h);

const report = (r: Partial<TurnReport>) =>
  request(agent.app)
    .post('/v1/turns/report')
    .send({ tenantId: h.tenantId, channel: 'voice', callerPhone: CALLER, ...r });

const transcript = async (conversationId: string) =>
  (
    await listConversationMessages(
      h.db.pool,
      h.tenantId,
      conversationRowId(h.tenantId, conversationId),
    )
  ).map((m) => [m.role, m.text, m.callSid, m.channelLatencyMs]);

describe('POST /v1/turns/report: the channel tells the agent service what it knows of a turn', () => {
  it('keeps only the words the caller heard of a reply they cut short, and the hop time', async () => {
    const say = conversation(agent, h, 'CA-barge', { callSid: 'CA-barge' });
    const r = await say('What are your opening hours?', { turnId: 'CA-barge:turn:1' });
    expect(r.reply.length).toBeGreaterThan(20);
    const heard = r.reply.slice(0, 12);
    expect(
      (
        await report({
          conversationId: 'CA-barge',
          callSid: 'CA-barge',
          turnId: 'CA-barge:turn:1',
          heard,
          channelLatencyMs: 42,
        })
      ).status,
    ).toBe(204);
    expect(await transcript('CA-barge')).toEqual([
      ['caller', 'What are your opening hours?', 'CA-barge', null],
      ['agent', heard, 'CA-barge', 42],
    ]);
  });

  it('cuts a reply of a turn without an id (ConversationRelay) found by its text', async () => {
    const say = conversation(agent, h, 'CA-relay', { callSid: 'CA-relay' });
    const first = await say('What are your opening hours?');
    await say('Do you take new patients?');
    // The first reply was interrupted after the fact: only that reply changes.
    await report({ conversationId: 'CA-relay', reply: first.reply, heard: 'Monday to' });
    const rows = await transcript('CA-relay');
    expect(rows.map(([role, text]) => [role, text])).toEqual([
      ['caller', 'What are your opening hours?'],
      ['agent', 'Monday to'],
      ['caller', 'Do you take new patients?'],
      ['agent', expect.not.stringMatching(/^Monday to$/)],
    ]);
  });

  it('stores what the caller said and heard when the channel gave up, and the late reply adds nothing', async () => {
    const apology = "I'm sorry, I'm having trouble. Let me put you through.";
    const gaveUp = {
      conversationId: 'CA-gaveup',
      callSid: 'CA-gaveup',
      turnId: 'CA-gaveup:turn:1',
      callerText: 'I need to move my appointment',
      heard: apology,
    };
    // The agent never saw this conversation: the report makes its row, contact and turn.
    await report(gaveUp);
    // A second delivery of the same report (a retry) changes nothing.
    await report(gaveUp);
    // The turn the channel gave up on finishes later: its reply was never heard, so not stored.
    await conversation(agent, h, 'CA-gaveup', { callSid: 'CA-gaveup' })(
      'I need to move my appointment',
      { turnId: 'CA-gaveup:turn:1' },
    );
    expect((await transcript('CA-gaveup')).map(([role, text]) => [role, text])).toEqual([
      ['caller', 'I need to move my appointment'],
      ['agent', apology],
    ]);
  });

  it('adds what was heard after the caller words of a reply cut off before it was stored', async () => {
    await conversation(agent, h, 'CA-cut')('Hello');
    // The turn the caller cut off mid-generation: the agent kept only the caller's words.
    const { rows } = await h.db.pool.query(
      `DELETE FROM messages WHERE id = (SELECT id FROM messages WHERE tenant_id = $1 AND conversation_id = $2
         AND role = 'agent' ORDER BY created_at DESC LIMIT 1) RETURNING text`,
      [h.tenantId, conversationRowId(h.tenantId, 'CA-cut')],
    );
    const produced = rows[0].text as string;
    await report({ conversationId: 'CA-cut', reply: produced.slice(0, 8), heard: 'Hi the' });
    expect((await transcript('CA-cut')).map(([role, text]) => [role, text])).toEqual([
      ['caller', 'Hello'],
      ['agent', 'Hi the'],
    ]);
  });

  it('refuses a malformed report with a machine-readable error and stores nothing', async () => {
    const res = await report({ conversationId: 'CA-bad', heard: 'x'.repeat(5_000) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const other = await report({ conversationId: 'CA-bad', channelLatencyMs: -1 });
    expect(other.status).toBe(400);
    expect(await transcript('CA-bad')).toEqual([]);
  });
});
