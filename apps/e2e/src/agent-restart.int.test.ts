import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnMessageSids } from '@receptionist/domain';
import { freePort } from '@receptionist/testing';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';
import { VOICE_TEXT } from '@receptionist/backend/twilio';
import { startAgentService } from '../test/agent-service.ts';
import { callParams, startChannelStack, type ChannelStack } from '../test/channel-stack.ts';

// The agent service is down when the caller speaks (crashed, restarting): the caller is held,
// pause after pause, and once it is back the same turn is answered and the call goes on.
let stack: ChannelStack;
let agent: Awaited<ReturnType<typeof startAgentService>> | undefined;
let port: number;

beforeAll(async () => {
  port = await freePort();
  stack = await startChannelStack({
    agentUrl: `http://127.0.0.1:${port}`,
    agentTimeoutMs: 500,
    agentHoldMs: 20_000,
  });
}, 120_000);
afterAll(async () => {
  await agent?.close();
  await stack?.close();
});

describe('an agent restart during a call', () => {
  it('holds the caller with longer pauses, then answers the same turn once it is back', async () => {
    const callSid = `CA${Date.now().toString(16).padStart(32, '0')}`;
    await stack.post('/twilio/voice', callParams(callSid));
    const first = readTwiml(
      (
        await stack.post(
          '/twilio/voice/turn',
          callParams(callSid, { SpeechResult: 'what are your opening hours', Confidence: '0.9' }),
        )
      ).text,
    );
    expect(first).toEqual([
      expect.objectContaining({ verb: 'Say', text: VOICE_TEXT.holding }),
      { verb: 'Pause', length: 1 },
      expect.objectContaining({ verb: 'Redirect' }),
    ]);
    // Where one hold used to end in a transfer, the caller is held again, a little longer.
    const second = readTwiml((await stack.post('/twilio/voice/turn', callParams(callSid))).text);
    expect(second.map((v) => v.verb)).toEqual(['Say', 'Pause', 'Redirect']);
    expect(second[1]).toEqual({ verb: 'Pause', length: 2 });

    agent = await startAgentService(stack, port);
    // A fresh agent's first turn may outlast the backend's wait: a hold or two more, no more.
    let answered = readTwiml((await stack.post('/twilio/voice/turn', callParams(callSid))).text);
    for (let holds = 0; holds < 4 && answered[0]?.verb === 'Say'; holds++) {
      expect(answered.map((v) => v.verb)).toEqual(['Say', 'Pause', 'Redirect']);
      answered = readTwiml((await stack.post('/twilio/voice/turn', callParams(callSid))).text);
    }
    expect(answered.map((v) => v.verb)).toEqual(['Gather']);
    const sids = turnMessageSids(`${callSid}:turn:1`);
    const { rows } = await stack.tdb.pool.query(
      `SELECT role FROM messages WHERE tenant_id = $1 AND provider_sid IN ($2, $3) ORDER BY created_at, id`,
      [stack.tenantId, sids.caller, sids.reply],
    );
    expect(rows.map((r) => r.role)).toEqual(['caller', 'agent']);
  });
});
