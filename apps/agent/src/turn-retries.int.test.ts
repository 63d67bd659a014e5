import { conversationRowId, listConversationMessages } from '@receptionist/db';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnResponseSchema, type TurnRequest } from '@receptionist/domain';
import { waitFor } from '@receptionist/testing';
import { startAnthropicStandIn, toolUse, type Script } from '../test/anthropic.stand-in.ts';
import {
  conversationState,
  startAgent,
  useHarness,
  CALLER,
  type AgentUnderTest,
} from '../test/harness.ts';

const h = useHarness();
let agent: AgentUnderTest;
let server: Server;
let base: string;
/** The model's reading of a turn: the commands it records. */
const reads = (...commands: Record<string, unknown>[]) => [
  toolUse('record_commands', { commands }),
];
const HELLO = 'Hello! How can I help you today?';
let script: Script = () => ({ content: reads({ type: 'chitchat' }) });
const anthropic = await startAnthropicStandIn((body, i) => script(body, i));

beforeAll(async () => {
  agent = await startAgent(h, {
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_MAX_RETRIES: '0',
    ANTHROPIC_TIMEOUT_MS: '5000',
  });
  // A real socket: giving up on a turn is the client closing its connection.
  server = agent.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await anthropic.close();
});

const turn = (conversationId: string, extra: Partial<TurnRequest>, timeoutMs = 5_000) =>
  fetch(`${base}/v1/turns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantId: h.tenantId,
      conversationId,
      channel: 'voice',
      text: 'What are your opening hours?',
      callerPhone: CALLER,
      ...extra,
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });

const stored = (conversationId: string) =>
  listConversationMessages(h.db.pool, h.tenantId, conversationRowId(h.tenantId, conversationId));

describe('a turn asked again (the channel gave up waiting and retried)', () => {
  it('answers the retry with the reply the first attempt finished, stored once', async () => {
    script = () => ({
      content: reads({ type: 'knowledge', question: 'opening hours' }),
      delayMs: 600,
    });
    const from = anthropic.bodies.length;
    // The channel stops waiting long before the model answers, as Twilio's webhook budget forces.
    await expect(turn('c-retry', { turnId: 'CA1:turn:1' }, 150)).rejects.toThrow();
    const retry = await turn('c-retry', { turnId: 'CA1:turn:1' });
    expect(retry.status).toBe(200);
    const r = turnResponseSchema.parse(await retry.json());
    expect(r.reply).toMatch(/^Monday to Friday 9am to 5pm/);
    // One model call for the two attempts: the retry waited for the first one's answer.
    expect(anthropic.bodies.length - from).toBe(1);
    expect((await stored('c-retry')).map((m) => [m.role, m.text])).toEqual([
      ['caller', 'What are your opening hours?'],
      ['agent', r.reply],
    ]);
    // The conversation's memory heard the words once too.
    const state = await conversationState(agent, h, 'c-retry');
    const said = JSON.stringify(state).split('What are your opening hours?').length - 1;
    expect(said).toBe(1);
  });

  it('answers a retry after the first attempt completed without running the turn again', async () => {
    script = () => ({ content: reads({ type: 'knowledge', question: 'is there parking' }) });
    const ask = { text: 'Is there parking?', turnId: 'SM-parking' };
    const first = turnResponseSchema.parse(await (await turn('c-again', ask)).json());
    const from = anthropic.bodies.length;
    script = () => ({ content: reads({ type: 'chitchat' }) });
    const second = turnResponseSchema.parse(await (await turn('c-again', ask)).json());
    expect(second).toEqual(first);
    expect(anthropic.bodies.length).toBe(from);
    expect(await stored('c-again')).toHaveLength(2);
    // A new turn id is a new turn.
    const next = turnResponseSchema.parse(
      await (await turn('c-again', { text: 'Is there parking?', turnId: 'SM-parking-2' })).json(),
    );
    expect(first.reply).toMatch(/free parking/);
    expect(next.reply).toBe(HELLO);
    expect(await stored('c-again')).toHaveLength(4);
  });

  it('cancels the model call when a client without a turn id stops waiting', async () => {
    script = () => ({ content: reads({ type: 'chitchat' }), delayMs: 4_000 });
    const from = anthropic.bodies.length;
    await expect(turn('c-cancel', {}, 300)).rejects.toThrow();
    await waitFor(
      async () => anthropic.closedEarly.includes(from),
      5_000,
      'the model request to be aborted',
    );
    // The lock is free and the caller's words were kept: the next turn runs at once.
    script = () => ({ content: reads({ type: 'chitchat' }) });
    const next = await turn('c-cancel', { text: 'Hello?' }, 3_000);
    expect(next.status).toBe(200);
    expect((await stored('c-cancel')).map((m) => [m.role, m.text])).toEqual([
      ['caller', 'What are your opening hours?'],
      ['caller', 'Hello?'],
      ['agent', HELLO],
    ]);
  });

  it('refuses a turn id that is not a plain token', async () => {
    const res = await turn('c-bad', { turnId: 'has spaces/and slashes' });
    expect(res.status).toBe(400);
  });
});
