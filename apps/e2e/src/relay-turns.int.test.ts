import { describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { WebSocket } from 'ws';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';
import { waitFor } from '@receptionist/testing';
import { useDoubledStack } from '../test/agent-double.ts';
import { AUTH_TOKEN, callParams, newCallSid } from '../test/channel-stack.ts';

// ConversationRelay turn-taking and language, against the agent's HTTP contract scripted here:
// when a short "yes" is a backchannel, and how a reply in another language switches the call.

const { stack, agent } = useDoubledStack({ agentTimeoutMs: 5_000 }, (stack) =>
  stack.tdb.pool.query(
    `UPDATE tenants SET languages = '{en-US,fr-FR}', voice_mode = 'relay' WHERE id = $1`,
    [stack.tenantId],
  ),
);

type Msg = Record<string, unknown>;
async function session(callSid: string) {
  const twiml = await stack.post('/twilio/voice', callParams(callSid));
  // The socket URL handed out in the TwiML is bound to this call; Twilio signs it, query included.
  const connect = readTwiml(twiml.text).find((v) => v.verb === 'Connect');
  const relayUrl = connect && 'relayUrl' in connect ? connect.relayUrl! : '';
  const { pathname, search } = new URL(relayUrl);
  const ws = new WebSocket(`${stack.baseUrl.replace(/^http/, 'ws')}${pathname}${search}`, {
    headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, relayUrl, {}) },
  });
  const got: Msg[] = [];
  ws.on('message', (m) => got.push(JSON.parse(String(m)) as Msg));
  await new Promise((r) => ws.once('open', r));
  const send = (m: unknown) => ws.send(JSON.stringify(m));
  send({ type: 'setup', sessionId: 'VX1', callSid, from: '+14155550123', to: '+14155550100' });
  const finished = (from: number) =>
    waitFor(
      async () => got.slice(from).some((m) => m.type === 'text' && m.last === true),
      10_000,
      'a finished reply',
    );
  const spoken = (from: number) =>
    got
      .slice(from)
      .filter((m) => m.type === 'text')
      .map((m) => m.token)
      .join('');
  return { twiml: twiml.text, ws, got, send, finished, spoken };
}

describe('ConversationRelay turns', () => {
  it('answers a "Yes" said after the reply was spoken; a "mhm" over the reply stays a backchannel', async () => {
    const s = await session(newCallSid());
    agent.script = () => ({ reply: 'I can book you for Tuesday at ten. Shall I book it?' });
    s.send({ type: 'prompt', voicePrompt: 'Can I come Tuesday?', lang: 'en-US', last: true });
    await s.finished(0);
    const asked = agent.requests.length;

    // The whole reply went out and the caller did not talk over it: "Yes" answers the question.
    agent.script = () => ({ reply: 'Done, you are booked for Tuesday at ten.' });
    let mark = s.got.length;
    s.send({ type: 'prompt', voicePrompt: 'Yes.', lang: 'en-US', last: true });
    await s.finished(mark);
    expect(agent.requests.length).toBe(asked + 1);
    expect(agent.requests.at(-1)!.text).toBe('Yes.');
    expect(s.spoken(mark)).toBe('Done, you are booked for Tuesday at ten.');

    // Over a reply still being spoken, "mhm" is the caller following along: no turn, the rest
    // of the reply is spoken.
    agent.script = () => ({
      reply: 'We also offer whitening, which takes about an hour.',
      tokenDelayMs: 60,
    });
    mark = s.got.length;
    s.send({ type: 'prompt', voicePrompt: 'Anything else?', lang: 'en-US', last: true });
    await waitFor(async () => s.got.length > mark, 5_000, 'first token');
    const heard = s.spoken(mark);
    s.send({ type: 'interrupt', utteranceUntilInterrupt: heard, durationUntilInterruptMs: 400 });
    s.send({ type: 'prompt', voicePrompt: 'Mhm.', lang: 'en-US', last: true });
    await s.finished(mark);
    expect(s.spoken(mark)).toBe('We also offer whitening, which takes about an hour.');
    expect(agent.requests.length).toBe(asked + 2);
    s.ws.close();
  }, 30_000);

  it('switches Twilio to the reply language and speaks its own apology in it', async () => {
    const callSid = newCallSid();
    const s = await session(callSid);
    expect(s.twiml).toContain('<Language code="fr-FR" ttsProvider="Amazon" voice="Lea-Neural"/>');
    agent.script = () => ({
      reply: 'Oui, bien sûr. Que puis-je faire pour vous ?',
      language: 'fr-FR',
    });
    s.send({ type: 'prompt', voicePrompt: 'Vous parlez français ?', lang: 'en-US', last: true });
    await waitFor(async () => s.got.some((m) => m.type === 'language'), 10_000, 'language switch');
    expect(s.got.find((m) => m.type === 'language')).toEqual({
      type: 'language',
      ttsLanguage: 'fr-FR',
      transcriptionLanguage: 'fr-FR',
    });
    // The tokens streamed before the reply named its language; from the next turn on they carry it.
    expect(s.got.find((m) => m.type === 'text')).toMatchObject({ lang: 'en-US' });
    // Kept with the call, for the webhooks that follow the socket (a transfer, a message).
    const callLanguage = async () =>
      (
        JSON.parse((await stack.redis.client.get(`twilio:call:${callSid}`)) ?? '{}') as {
          language?: string;
        }
      ).language;
    await waitFor(async () => (await callLanguage()) === 'fr-FR', 5_000, 'call language');

    agent.script = () => ({ reply: 'Un rendez-vous mardi', fail: true });
    const mark = s.got.length;
    s.send({
      type: 'prompt',
      voicePrompt: 'Je voudrais un rendez-vous',
      lang: 'fr-FR',
      last: true,
    });
    await s.finished(mark);
    const texts = s.got.slice(mark).filter((m) => m.type === 'text');
    expect(texts.every((m) => m.lang === 'fr-FR')).toBe(true);
    expect(texts.at(-1)).toMatchObject({
      token: "Toutes mes excuses, j'ai un souci en ce moment. Pouvez-vous répéter ?",
      last: true,
    });
    s.ws.close();
  }, 30_000);
});
