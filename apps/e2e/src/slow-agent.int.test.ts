import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startAnthropicStandIn,
  toolUse,
  type Script,
} from '@receptionist/agent/test/anthropic-stand-in';
import { DEMO_TENANT } from '@receptionist/db';
import { turnMessageSids } from '@receptionist/domain';
import { freePort, waitFor } from '@receptionist/testing';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';
import { VOICE_TEXT } from '@receptionist/backend/twilio';
import { startAgentService } from '../test/agent-service.ts';
import {
  callParams,
  newCallSid,
  PUBLIC_BASE_URL,
  startChannelStack,
  type ChannelStack,
} from '../test/channel-stack.ts';

// The backend gives up on the agent after 300 ms (Twilio's webhook budget, scaled down); the
// model stand-in answers later than that, as a slow Claude would.
const reads = (...commands: Record<string, unknown>[]) => [
  toolUse('record_commands', { commands }),
];
let script: Script = () => ({ content: reads({ type: 'chitchat' }) });
const anthropic = await startAnthropicStandIn((body, i) => script(body, i));
let stack: ChannelStack;
let agent: Awaited<ReturnType<typeof startAgentService>>;

beforeAll(async () => {
  const port = await freePort();
  stack = await startChannelStack({ agentUrl: `http://127.0.0.1:${port}`, agentTimeoutMs: 300 });
  agent = await startAgentService(stack, port, {
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_MAX_RETRIES: '0',
  });
}, 120_000);
afterAll(async () => {
  await agent?.close();
  await stack?.close();
  await anthropic.close();
});

const turnRows = async (callSid: string) => {
  const sids = turnMessageSids(`${callSid}:turn:1`);
  return (
    await stack.tdb.pool.query(
      `SELECT role, text FROM messages WHERE tenant_id = $1 AND provider_sid IN ($2, $3)
        ORDER BY created_at, id`,
      [stack.tenantId, sids.caller, sids.reply],
    )
  ).rows as { role: string; text: string }[];
};
const timesSaid = async (words: string) =>
  Number(
    (
      await stack.tdb.pool.query(
        `SELECT count(*) AS n FROM messages WHERE tenant_id = $1 AND text = $2`,
        [stack.tenantId, words],
      )
    ).rows[0].n,
  );

describe('a Gather turn the agent answers after the backend stopped waiting', () => {
  it('holds, then speaks the answer the agent finished meanwhile: one model call, one stored turn', async () => {
    // The model takes 700 ms to record what the caller asked; the answer is the business's own.
    script = () => ({
      content: reads({ type: 'knowledge', question: 'opening hours' }),
      delayMs: 700,
    });
    const callSid = newCallSid();
    await stack.post('/twilio/voice', callParams(callSid));
    const from = anthropic.bodies.length;
    const first = await stack.post(
      '/twilio/voice/turn',
      callParams(callSid, { SpeechResult: 'When are you open?', Confidence: '0.9' }),
    );
    expect(readTwiml(first.text)).toEqual([
      expect.objectContaining({ verb: 'Say', text: VOICE_TEXT.holding }),
      { verb: 'Pause', length: 1 },
      { verb: 'Redirect', url: `${PUBLIC_BASE_URL}/twilio/voice/turn` },
    ]);
    // Twilio speaks the holding phrase and pauses before following the Redirect; by then the
    // agent, which kept going, has its answer.
    await waitFor(async () => (await turnRows(callSid)).length === 2, 10_000, 'the late answer');
    const reply = (await turnRows(callSid))[1]!.text as string;
    expect(reply).toMatch(/^Monday to Friday 9am to 5pm/);
    const redirected = readTwiml(
      (await stack.post('/twilio/voice/turn', callParams(callSid))).text,
    );
    expect(redirected[0]).toMatchObject({ verb: 'Gather' });
    expect(redirected[0]!.verb === 'Gather' && redirected[0]!.says).toEqual([reply]);
    expect(anthropic.bodies.length - from).toBe(1);
    expect(await turnRows(callSid)).toEqual([
      { role: 'caller', text: 'When are you open?' },
      { role: 'agent', text: reply },
    ]);
    expect(await timesSaid('When are you open?')).toBe(1);
  }, 30_000);

  it('when both attempts run out, stores what the caller heard, and the late reply adds nothing', async () => {
    script = () => ({
      content: reads({ type: 'knowledge', question: 'my invoice' }),
      delayMs: 1_500,
    });
    const callSid = newCallSid();
    await stack.post('/twilio/voice', callParams(callSid));
    const from = anthropic.bodies.length;
    const words = 'I have a question about my invoice';
    await stack.post('/twilio/voice/turn', callParams(callSid, { SpeechResult: words }));
    const second = readTwiml((await stack.post('/twilio/voice/turn', callParams(callSid))).text);
    expect(second[0]).toMatchObject({ verb: 'Say', text: VOICE_TEXT.agentDownTransfer });
    expect(second[1]).toMatchObject({ verb: 'Dial', number: DEMO_TENANT.escalationPhone });
    // The agent finishes its one run after the call has moved on to the team.
    await waitFor(
      async () =>
        (await stack.redis.client.exists(`agent:turn:${stack.tenantId}:${callSid}:turn:1`)) === 1,
      10_000,
      'the agent to finish the turn',
    );
    expect(anthropic.bodies.length - from).toBe(1);
    expect(await turnRows(callSid)).toEqual([
      { role: 'caller', text: words },
      { role: 'agent', text: VOICE_TEXT.agentDownTransfer },
    ]);
    expect(await timesSaid(words)).toBe(1);
    // The reply the agent finished (kept for a retry) was never heard, so it is not stored.
    const kept = await stack.redis.client.get(`agent:turn:${stack.tenantId}:${callSid}:turn:1`);
    const late = (JSON.parse(kept!) as { reply: string }).reply;
    expect(late).toMatch(/not sure/);
    expect(await timesSaid(late)).toBe(0);
  }, 30_000);
});
