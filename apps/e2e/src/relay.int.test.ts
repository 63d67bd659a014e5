import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { WebSocket } from 'ws';
import {
  startAnthropicStandIn,
  toolUse,
  type Script,
} from '@receptionist/agent/test/anthropic-stand-in';
import { freePort, waitFor } from '@receptionist/testing';
import { startAgentService } from '../test/agent-service.ts';
import {
  AUTH_TOKEN,
  callParams,
  PUBLIC_BASE_URL,
  startChannelStack,
  type ChannelStack,
} from '../test/channel-stack.ts';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';
import { isBackchannel } from '@receptionist/backend/twilio';

/** What the model records for a question: the reply is the business's own knowledge entry. */
const asks = (question: string) => [
  toolUse('record_commands', { commands: [{ type: 'knowledge', question }] }),
];
const FIRST =
  'Monday to Friday 9am to 5pm, and Saturday 9am to 1pm. We are closed on Sundays. Would you like me to find a time for you?';
let script: Script = () => ({ content: asks('opening hours') });
const anthropic = await startAnthropicStandIn((body, i) => script(body, i));
let stack: ChannelStack;
let agent: Awaited<ReturnType<typeof startAgentService>>;

beforeAll(async () => {
  const port = await freePort();
  stack = await startChannelStack({ agentUrl: `http://127.0.0.1:${port}`, agentTimeoutMs: 5_000 });
  // The Claude brain against a local Messages API: a reply can be held mid-stream, which is what
  // an interruption has to cancel.
  agent = await startAgentService(stack, port, {
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_MAX_RETRIES: '0',
  });
  await stack.tdb.pool.query(`UPDATE tenants SET voice_mode = 'relay' WHERE id = $1`, [
    stack.tenantId,
  ]);
}, 120_000);
afterAll(async () => {
  await agent?.close();
  await stack?.close();
  await anthropic.close();
});

const relayBase = `${PUBLIC_BASE_URL.replace(/^http/, 'ws')}/twilio/relay`;
/** The socket URL of the call's TwiML: bound to the call by its query (CallSid, expiry, MAC). */
let relayUrl = relayBase;
function open(
  signature: string | null,
): Promise<{ ws: WebSocket; got: Record<string, unknown>[] } | number> {
  const { pathname, search } = new URL(relayUrl);
  const ws = new WebSocket(`${stack.baseUrl.replace(/^http/, 'ws')}${pathname}${search}`, {
    headers: signature ? { 'x-twilio-signature': signature } : {},
  });
  const got: Record<string, unknown>[] = [];
  ws.on('message', (m) => got.push(JSON.parse(String(m))));
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ ws, got }));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
  });
}
const spoken = (got: Record<string, unknown>[], from: number) =>
  got
    .slice(from)
    .filter((m) => m.type === 'text')
    .map((m) => m.token)
    .join('');
const lastIndex = (got: Record<string, unknown>[]) =>
  got.findLastIndex((m) => m.type === 'text' && m.last === true);

describe('ConversationRelay', () => {
  it('tells backchannels from interruptions', () => {
    const words = stack.config.RELAY_BACKCHANNEL_WORDS;
    for (const w of ['mhm', 'Okay.', 'yeah', 'Uh-huh', 'ok'])
      expect(isBackchannel(w, words)).toBe(true);
    for (const w of ['ok but how much', 'no', 'wait', ''])
      expect(isBackchannel(w, words)).toBe(false);
  });

  it('streams replies, resumes after a backchannel, and cancels the generation in flight on a real interruption', async () => {
    const callSid = `CA${Date.now().toString(16)}relay0000000000000`;
    const answer = readTwiml((await stack.post('/twilio/voice', callParams(callSid))).text);
    const bound = answer[0] && 'relayUrl' in answer[0] ? answer[0].relayUrl! : '';
    expect(bound.startsWith(`${relayBase}?callSid=${callSid}&exp=`)).toBe(true);
    relayUrl = bound;
    expect(answer).toEqual([
      {
        verb: 'Connect',
        action: `${PUBLIC_BASE_URL}/twilio/voice/relay-ended`,
        relayUrl,
        welcomeGreeting: expect.stringContaining('Bright Smile Dental'),
      },
    ]);
    expect(await open(null)).toBe(403);
    expect(
      await open(
        twilio.getExpectedTwilioSignature(
          AUTH_TOKEN,
          `${stack.baseUrl}${new URL(relayUrl).pathname}${new URL(relayUrl).search}`,
          {},
        ),
      ),
    ).toBe(403);
    const conn = await open(twilio.getExpectedTwilioSignature(AUTH_TOKEN, relayUrl, {}));
    if (typeof conn === 'number') throw new Error(`upgrade refused ${conn}`);
    const { ws, got } = conn;
    const send = (m: unknown) => ws.send(JSON.stringify(m));
    send({ type: 'setup', sessionId: 'VX1', callSid, from: '+14155550123', to: '+14155550100' });

    // A: the reply streams token by token, the last one marked.
    send({ type: 'prompt', voicePrompt: 'When are you open?', lang: 'en-US', last: true });
    await waitFor(async () => lastIndex(got) >= 0, 10_000, 'first reply');
    expect(spoken(got, 0).trim()).toBe(FIRST);
    const requestsAfterA = anthropic.bodies.length;

    // B: "mhm" over the reply is a backchannel: the rest of the reply is spoken, no new turn.
    let mark = got.length;
    send({
      type: 'interrupt',
      utteranceUntilInterrupt: 'Monday to Friday 9am to 5pm,',
      durationUntilInterruptMs: 900,
    });
    send({ type: 'prompt', voicePrompt: 'Mhm.', lang: 'en-US', last: true });
    await waitFor(async () => lastIndex(got) >= mark, 5_000, 'resumed reply');
    expect(spoken(got, mark).trim()).toBe(
      FIRST.slice('Monday to Friday 9am to 5pm,'.length).trim(),
    );
    expect(anthropic.bodies.length).toBe(requestsAfterA);

    // C: a real interruption: the reply was heard up to "Saturday"; the next turn says so. The
    // model takes its time reading the next words.
    script = () => ({ content: asks('prices'), delayMs: 4_000 });
    const before = anthropic.bodies.length;
    send({
      type: 'interrupt',
      utteranceUntilInterrupt: 'Monday to Friday 9am to 5pm, and Saturday',
      durationUntilInterruptMs: 1500,
    });
    send({ type: 'prompt', voicePrompt: 'And the prices?', lang: 'en-US', last: true });
    await waitFor(async () => anthropic.bodies.length > before, 10_000, 'the held model request');
    const held = anthropic.bodies.length - 1;
    expect(JSON.stringify(anthropic.bodies[held]!.messages)).toContain(
      'Monday to Friday 9am to 5pm, and Saturday …',
    );

    // D: the caller cuts in while the model is still generating: the model request is aborted.
    script = () => ({ content: asks('insurance') });
    mark = got.length;
    send({
      type: 'prompt',
      voicePrompt: 'Actually, do you take insurance?',
      lang: 'en-US',
      last: true,
    });
    await waitFor(async () => anthropic.closedEarly.includes(held), 5_000, 'model request aborted');
    await waitFor(async () => lastIndex(got) >= mark, 10_000, 'answer after the interruption');
    expect(spoken(got, mark)).toContain('Delta Dental, Cigna, Aetna and MetLife');

    ws.close();
    // The transcript keeps what was actually spoken, marked with the call.
    await waitFor(
      async () =>
        (await stack.tdb.pool.query('SELECT 1 FROM messages WHERE call_sid = $1', [callSid]))
          .rowCount! >= 5,
      5_000,
      'transcript',
    );
    const transcript = (
      await stack.tdb.pool.query(
        `SELECT role, text FROM messages WHERE call_sid = $1 ORDER BY created_at, id`,
        [callSid],
      )
    ).rows.map((r) => [r.role, r.text]);
    expect(transcript[0]).toEqual(['caller', 'When are you open?']);
    expect(transcript[1]).toEqual(['agent', 'Monday to Friday 9am to 5pm, and Saturday']);
    expect(transcript.filter(([role]) => role === 'caller').map(([, t]) => t)).toEqual([
      'When are you open?',
      'And the prices?',
      'Actually, do you take insurance?',
    ]);
    expect(transcript.at(-1)![1]).toContain('Delta Dental');
  }, 60_000);
});
