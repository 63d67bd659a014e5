import { describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { WebSocket } from 'ws';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';
import { relayQuery } from '@receptionist/backend/twilio';
import { waitFor } from '@receptionist/testing';
import { useDoubledStack } from '../../test/agent-double.ts';
import { AUTH_TOKEN, callParams, PUBLIC_BASE_URL } from '../../test/channel-stack.ts';

/**
 * Finding 9: the ConversationRelay signature is the same for every session and a socket attached
 * to whatever CallSid its `setup` named. Each relay URL is now bound to its call (CallSid, expiry,
 * HMAC): a plain, forged, expired or re-targeted URL is refused at the upgrade, and a `setup` for
 * another call than the URL's closes the socket before anything is said or asked.
 */
let seq = 0;
const sid = () => `CA${Date.now().toString(16)}${(seq++).toString(16).padStart(10, '0')}`;
const RELAY = `${PUBLIC_BASE_URL.replace(/^http/, 'ws')}/twilio/relay`;

const { stack, agent } = useDoubledStack({ withWorker: false }, async (stack, agent) => {
  agent.script = (req) => ({ reply: `Reply for ${req.callSid}.` });
  await stack.tdb.pool.query(`UPDATE tenants SET voice_mode = 'relay' WHERE id = $1`, [
    stack.tenantId,
  ]);
});

/** Starts a call and returns the socket URL its TwiML hands to Twilio. */
async function startCall(callSid: string): Promise<string> {
  const verbs = readTwiml((await stack.post('/twilio/voice', callParams(callSid))).text);
  const connect = verbs.find((v) => v.verb === 'Connect');
  return connect && 'relayUrl' in connect ? connect.relayUrl! : '';
}

/** Opens the socket as Twilio does: the public URL (query included) signed with the auth token. */
function open(
  url: string,
): Promise<{ ws: WebSocket; got: Record<string, unknown>[]; closed: Promise<number> } | number> {
  const { pathname, search } = new URL(url);
  const ws = new WebSocket(`${stack.baseUrl.replace(/^http/, 'ws')}${pathname}${search}`, {
    headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, {}) },
  });
  const got: Record<string, unknown>[] = [];
  ws.on('message', (m) => got.push(JSON.parse(String(m)) as Record<string, unknown>));
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ ws, got, closed }));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

describe('finding 9: relay sockets are bound to their call', () => {
  it('refuses the same signed URL for every session, a forged binding and an expired one', async () => {
    const callSid = sid();
    const bound = await startCall(callSid);
    expect(bound).toContain(`callSid=${callSid}`);
    // The URL every session shared before: validly signed by Twilio, bound to no call.
    expect(await open(RELAY)).toBe(403);
    // Another call's id spliced into this URL's binding.
    expect(await open(bound.replace(callSid, sid()))).toBe(403);
    // A binding whose expiry is pushed out.
    expect(
      await open(bound.replace(/exp=(\d+)/, (_, e: string) => `exp=${Number(e) + 86_400}`)),
    ).toBe(403);
    // A genuine binding, minted eleven minutes ago for ten.
    const stale = relayQuery(stack.config, callSid, 600, Date.now() - 11 * 60_000);
    expect(await open(`${RELAY}?${stale}`)).toBe(403);
  });

  it('closes a session whose setup names another call, before it hears or says anything', async () => {
    const victim = sid();
    await startCall(victim);
    const attacker = sid();
    const attackerUrl = await startCall(attacker);
    const conn = await open(attackerUrl);
    if (typeof conn === 'number') throw new Error(`upgrade refused ${conn}`);
    const before = agent.requests.length;
    conn.ws.send(JSON.stringify({ type: 'setup', sessionId: 'VX1', callSid: victim }));
    conn.ws.send(JSON.stringify({ type: 'prompt', voicePrompt: 'What did I book?', last: true }));
    expect(await conn.closed).toBe(1008);
    expect(agent.requests.length).toBe(before);
    expect(conn.got.filter((m) => m.type === 'text')).toEqual([]);
  });

  it('still serves the call its URL was issued to', async () => {
    const callSid = sid();
    const conn = await open(await startCall(callSid));
    if (typeof conn === 'number') throw new Error(`upgrade refused ${conn}`);
    conn.ws.send(JSON.stringify({ type: 'setup', sessionId: 'VX2', callSid }));
    conn.ws.send(JSON.stringify({ type: 'prompt', voicePrompt: 'Hello?', last: true }));
    await waitFor(
      async () => conn.got.some((m) => m.type === 'text' && m.last === true),
      10_000,
      'the reply',
    );
    const spoken = conn.got
      .filter((m) => m.type === 'text')
      .map((m) => m.token)
      .join('');
    expect(spoken).toBe(`Reply for ${callSid}.`);
    // A second setup on the same socket (to hop to another call) closes it.
    conn.ws.send(JSON.stringify({ type: 'setup', sessionId: 'VX2', callSid: sid() }));
    expect(await conn.closed).toBe(1008);
  });
});
