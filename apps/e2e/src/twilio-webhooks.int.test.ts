import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT } from '@receptionist/db';
import { callWorkflowId } from '@receptionist/domain';
import { waitFor } from '@receptionist/testing';
import {
  callParams,
  CALLER,
  PUBLIC_BASE_URL,
  startChannelStack,
  type ChannelStack,
} from '../test/channel-stack.ts';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';
import { VOICE_TEXT } from '@receptionist/backend/twilio';

/** An agent service that accepts the connection and never answers: the worst kind of slow. */
async function silentAgent(): Promise<{
  url: string;
  received: number;
  closed: number;
  close(): Promise<void>;
}> {
  const state = { received: 0, closed: 0 };
  const server: Server = createServer((req) => {
    state.received += 1;
    req.socket.on('close', () => (state.closed += 1));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get received() {
      return state.received;
    },
    get closed() {
      return state.closed;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let stack: ChannelStack;
let agent: Awaited<ReturnType<typeof silentAgent>>;
let seq = 0;
const sid = (prefix: 'CA' | 'SM') =>
  `${prefix}${Date.now().toString(16)}${(seq++).toString(16).padStart(8, '0')}`;
const count = async (sql: string, params: unknown[] = []) =>
  Number((await stack.tdb.pool.query(sql, params)).rows[0].n);

beforeAll(async () => {
  agent = await silentAgent();
  stack = await startChannelStack({ agentUrl: agent.url, agentTimeoutMs: 300 });
}, 90_000);
afterAll(async () => {
  await stack?.close();
  await agent?.close();
});

describe('Twilio signature', () => {
  it('answers a validly signed incoming call with the greeting and a speech Gather', async () => {
    const res = await stack.post('/twilio/voice', callParams(sid('CA')));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    const verbs = readTwiml(res.text);
    expect(verbs).toHaveLength(1);
    const gather = verbs[0]!;
    expect(gather).toMatchObject({
      verb: 'Gather',
      action: `${PUBLIC_BASE_URL}/twilio/voice/turn`,
      input: 'speech dtmf',
      speechTimeout: 'auto',
      language: 'en-US',
      actionOnEmptyResult: 'true',
    });
    if (gather.verb !== 'Gather') throw new Error('expected Gather');
    expect(gather.hints).toContain('Teeth whitening');
    expect(gather.says[0]).toContain('Thanks for calling Bright Smile Dental');
    expect(res.text).toContain('voice="Polly.Joanna-Neural"');
  });

  it.each([
    ['invalid', 'not-a-signature', 'signature_invalid'],
    ['missing', null, 'signature_missing'],
  ])('refuses a %s signature with 403 and stores nothing', async (_name, signature, code) => {
    const callSid = sid('CA');
    const res = await stack.post('/twilio/voice', callParams(callSid), signature);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe(code);
    expect(await count('SELECT count(*) AS n FROM calls WHERE call_sid = $1', [callSid])).toBe(0);
  });

  it('refuses a signature made for another URL (the internal one, not the public one)', async () => {
    const callSid = sid('CA');
    const params = callParams(callSid);
    const { default: twilio } = await import('twilio');
    const internal = twilio.getExpectedTwilioSignature(
      stack.config.TWILIO_AUTH_TOKEN!,
      `${stack.baseUrl}/twilio/voice`,
      params,
    );
    const res = await stack.post('/twilio/voice', params, internal);
    expect(res.status).toBe(403);
    expect(await count('SELECT count(*) AS n FROM calls WHERE call_sid = $1', [callSid])).toBe(0);
  });

  it('refuses tampered parameters even with a signature of the original ones', async () => {
    const callSid = sid('CA');
    const signature = stack.sign('/twilio/sms', {
      MessageSid: callSid,
      From: CALLER,
      To: DEMO_TENANT.phoneNumber,
      Body: 'hi',
    });
    const res = await stack.post(
      '/twilio/sms',
      { MessageSid: callSid, From: CALLER, To: DEMO_TENANT.phoneNumber, Body: 'STOP' },
      signature,
    );
    expect(res.status).toBe(403);
    expect(
      await count('SELECT count(*) AS n FROM webhook_events WHERE event_id = $1', [callSid]),
    ).toBe(0);
  });
});

describe('incoming call', () => {
  it('a replayed CallSid creates one call, one contact and one workflow', async () => {
    const callSid = sid('CA');
    const first = await stack.post('/twilio/voice', callParams(callSid));
    const again = await stack.post('/twilio/voice', callParams(callSid));
    expect(first.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(await count('SELECT count(*) AS n FROM calls WHERE call_sid = $1', [callSid])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM contacts WHERE phone = $1', [CALLER])).toBe(1);
    const run = await stack.temporal.workflow.getHandle(callWorkflowId(callSid)).describe();
    expect(run.type).toBe('callWorkflow');
  });

  it('tells a caller of an unknown number politely and hangs up, storing nothing', async () => {
    const callSid = sid('CA');
    const res = await stack.post('/twilio/voice', callParams(callSid, { To: '+14155550999' }));
    expect(res.status).toBe(200);
    const verbs = readTwiml(res.text);
    expect(verbs.map((v) => v.verb)).toEqual(['Say', 'Hangup']);
    expect(await count('SELECT count(*) AS n FROM calls WHERE call_sid = $1', [callSid])).toBe(0);
  });

  it('answers webhooks for a call it has no state for: an apology to the caller, silence to side legs', async () => {
    const callSid = sid('CA');
    const turn = await stack.post(
      '/twilio/voice/turn',
      callParams(callSid, { SpeechResult: 'hello?' }),
    );
    expect(turn.status).toBe(200);
    expect(readTwiml(turn.text)).toEqual([
      expect.objectContaining({ verb: 'Say', text: VOICE_TEXT.lostContext }),
      { verb: 'Hangup' },
    ]);
    for (const [path, extra] of [
      ['/twilio/voice/dial-status', { DialCallStatus: 'no-answer' }],
      ['/twilio/voice/message', { SpeechResult: 'call me back' }],
      ['/twilio/voice/relay-ended', { HandoffData: '{"reason":"transfer"}' }],
    ] as const) {
      const res = await stack.post(path, callParams(callSid, extra));
      expect(res.status).toBe(200);
      expect(readTwiml(res.text)).toEqual([]);
    }
    expect(await count('SELECT count(*) AS n FROM messages WHERE call_sid = $1', [callSid])).toBe(
      0,
    );
  });

  it('reprompts twice on silence, then offers a text and hangs up; the hang-up gets a missed-call text', async () => {
    const callSid = sid('CA');
    await stack.post('/twilio/voice', callParams(callSid));
    const turn = () => stack.post('/twilio/voice/turn', callParams(callSid, { SpeechResult: '' }));
    for (let i = 0; i < 2; i++) {
      const verbs = readTwiml((await turn()).text);
      expect(verbs[0]).toMatchObject({ verb: 'Gather', says: [VOICE_TEXT.reprompt] });
    }
    const last = readTwiml((await turn()).text);
    expect(last).toEqual([
      expect.objectContaining({ verb: 'Say', text: VOICE_TEXT.noSpeechGoodbye }),
      { verb: 'Hangup' },
    ]);
    const status = callParams(callSid, { CallStatus: 'completed', CallDuration: '21' });
    expect((await stack.post('/twilio/voice/status', status)).status).toBe(200);
    expect((await stack.post('/twilio/voice/status', status)).status).toBe(200);
    await stack.temporal.workflow.getHandle(callWorkflowId(callSid)).result();
    const call = (await stack.tdb.pool.query('SELECT * FROM calls WHERE call_sid = $1', [callSid]))
      .rows[0];
    expect(call).toMatchObject({ status: 'completed', duration_seconds: 21, outcome: 'missed' });
    expect(call.summary).toContain('did not speak');
    const texts = (
      await stack.tdb.pool.query(
        `SELECT purpose, status, "to" AS to_number FROM outbound_messages WHERE idempotency_key LIKE $1`,
        [`${callSid}:%`],
      )
    ).rows;
    expect(texts).toEqual([{ purpose: 'missed_call', status: 'queued', to_number: CALLER }]);
  });
});

describe('ConversationRelay session end', () => {
  it('turns the handoff of an ended relay session into a warm transfer or a hang-up', async () => {
    const callSid = sid('CA');
    await stack.post('/twilio/voice', callParams(callSid));
    const transfer = readTwiml(
      (
        await stack.post(
          '/twilio/voice/relay-ended',
          callParams(callSid, {
            HandoffData: JSON.stringify({ reason: 'transfer', summary: 'Wants to discuss a bill' }),
          }),
        )
      ).text,
    );
    expect(transfer).toEqual([
      expect.objectContaining({ verb: 'Dial', number: DEMO_TENANT.escalationPhone }),
    ]);
    const end = readTwiml(
      (
        await stack.post(
          '/twilio/voice/relay-ended',
          callParams(callSid, { HandoffData: JSON.stringify({ reason: 'end' }) }),
        )
      ).text,
    );
    expect(end).toEqual([{ verb: 'Hangup' }]);
  });
});

describe('agent slow or down', () => {
  it('answers valid TwiML bounded by AGENT_TIMEOUT_MS, retries once, then warm-transfers; no answer takes a message', async () => {
    // Twilio waits 15 s for a webhook; the configured bound has to leave room for our own work.
    expect(stack.config.AGENT_TIMEOUT_MS).toBeLessThan(2_000);
    const callSid = sid('CA');
    await stack.post('/twilio/voice', callParams(callSid));
    const before = agent.received;
    const first = await stack.post(
      '/twilio/voice/turn',
      callParams(callSid, { SpeechResult: 'I need to talk about my bill', Confidence: '0.92' }),
    );
    expect(first.status).toBe(200);
    expect(readTwiml(first.text)).toEqual([
      expect.objectContaining({ verb: 'Say', text: VOICE_TEXT.holding }),
      { verb: 'Pause', length: 1 },
      { verb: 'Redirect', url: `${PUBLIC_BASE_URL}/twilio/voice/turn` },
    ]);
    expect(agent.received).toBe(before + 1);
    // The agent's request was given up (socket closed), not left hanging behind the caller.
    await waitFor(async () => agent.closed >= before + 1, 5_000, 'agent request aborted');

    const redirected = await stack.post('/twilio/voice/turn', callParams(callSid));
    const verbs = readTwiml(redirected.text);
    expect(verbs[0]).toMatchObject({ verb: 'Say', text: VOICE_TEXT.agentDownTransfer });
    expect(verbs[1]).toMatchObject({
      verb: 'Dial',
      number: DEMO_TENANT.escalationPhone,
      callerId: DEMO_TENANT.phoneNumber,
      action: `${PUBLIC_BASE_URL}/twilio/voice/dial-status`,
      timeout: 20,
    });
    const dial = verbs[1]!;
    if (dial.verb !== 'Dial' || !dial.whisperUrl) throw new Error('expected a whisper URL');
    const whisperPath = dial.whisperUrl.slice(PUBLIC_BASE_URL.length);
    const whisper = readTwiml(
      (await stack.post(whisperPath, { CallSid: 'CAchild', ParentCallSid: callSid })).text,
    );
    expect(whisper[0]).toMatchObject({ verb: 'Say' });
    expect(whisper[0]!.verb === 'Say' && whisper[0]!.text).toContain('my bill');

    const noAnswer = readTwiml(
      (
        await stack.post(
          '/twilio/voice/dial-status',
          callParams(callSid, { DialCallStatus: 'no-answer' }),
        )
      ).text,
    );
    expect(noAnswer[0]).toMatchObject({ verb: 'Gather', says: [VOICE_TEXT.noAnswerTakeMessage] });
    const message = readTwiml(
      (
        await stack.post(
          '/twilio/voice/message',
          callParams(callSid, { SpeechResult: 'Please call me back about the invoice' }),
        )
      ).text,
    );
    expect(message.map((v) => v.verb)).toEqual(['Say', 'Hangup']);

    await stack.post(
      '/twilio/voice/status',
      callParams(callSid, { CallStatus: 'completed', CallDuration: '64' }),
    );
    const result = await stack.temporal.workflow.getHandle(callWorkflowId(callSid)).result();
    expect(result).toEqual({ outcome: 'message_taken' });
    const escalations = (
      await stack.tdb.pool.query(`SELECT kind, summary FROM escalations ORDER BY created_at`)
    ).rows.filter((e) => e.summary.includes('bill') || e.summary.includes('invoice'));
    expect(escalations.map((e) => e.kind).sort()).toEqual(['message', 'transfer']);
    const staff = (
      await stack.tdb.pool.query(
        `SELECT body FROM outbound_messages WHERE purpose = 'staff_escalation' AND "to" = $1 AND idempotency_key LIKE $2`,
        [DEMO_TENANT.escalationPhone, `${callSid}:%`],
      )
    ).rows;
    expect(staff).toHaveLength(2);
    expect(staff.some((s) => s.body.includes(CALLER) && s.body.includes('invoice'))).toBe(true);
  });
});

describe('terminal phone', () => {
  it('plays a scripted call as Twilio would: silence until the goodbye, then shows the text it got', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phone-'));
    const script = join(dir, 'silence.txt');
    writeFileSync(script, '\n\n\n');
    const caller = '+14155550177';
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          fileURLToPath(new URL('../../backend/src/phone/phone.cli.ts', import.meta.url)),
          '--script',
          script,
          '--from',
          caller,
          '--url',
          stack.baseUrl,
          '--public-url',
          PUBLIC_BASE_URL,
          '--token',
          stack.config.TWILIO_AUTH_TOKEN!,
        ],
        { env: { ...process.env, DATABASE_URL: stack.tdb.url } },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('exit', (code) => resolve({ code, out }));
    });
    expect(run.code).toBe(0);
    expect(run.out).toContain('Thanks for calling Bright Smile Dental');
    expect(run.out.split(VOICE_TEXT.reprompt).length - 1).toBe(2);
    expect(run.out).toContain(VOICE_TEXT.noSpeechGoodbye);
    expect(run.out).toMatch(/sms\s+Sorry we missed your call at Bright Smile Dental/);
  }, 30_000);
});
