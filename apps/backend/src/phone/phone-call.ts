// One simulated Twilio call or text thread, as Twilio plays it: every request signed exactly as
// Twilio signs it, the TwiML followed verb by verb, the caller's words taken from `nextLine`.
// The terminal phone (phone.cli.ts) drives one at a time; its batch mode drives many at once in
// one process, so a load test's callers do not cost a Node process each.
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { WebSocket } from 'ws';
import { readTwiml, type Verb } from './twiml-reader.ts';

export interface PhoneLine {
  /** The backend's address the requests go to. */
  backend: string;
  /** The public base URL Twilio signs (PUBLIC_BASE_URL of the backend). */
  publicBase: string;
  token: string;
  from: string;
  to: string;
  staffAnswers: boolean;
  /** Prints one line of the conversation. */
  out: (who: string, text: string) => void;
  /** The caller's next words; null hangs up. */
  nextLine: (prompt: string) => Promise<string | null>;
}

export const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const accountSid = `AC${'0'.repeat(32)}`;

/** Signs and posts as Twilio does: the signature covers the public URL and every parameter. */
async function post(line: PhoneLine, url: string, params: Record<string, string>): Promise<string> {
  const publicBase = line.publicBase.replace(/\/+$/, '');
  const absolute = url.startsWith('http') ? url : `${publicBase}${url}`;
  const signature = twilio.getExpectedTwilioSignature(line.token, absolute, params);
  const target = line.backend.replace(/\/+$/, '') + absolute.slice(publicBase.length);
  const res = await fetch(target, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature,
    },
    body: new URLSearchParams(params),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`${res.status} from ${target}: ${body}`);
  return body;
}

function speechParams(said: string): Record<string, string> {
  const press = /^press\s+([0-9*#]+)$/i.exec(said.trim());
  if (press) return { Digits: press[1]! };
  return said.trim() ? { SpeechResult: said.trim(), Confidence: '0.93' } : { SpeechResult: '' };
}

async function relayCall(
  line: PhoneLine,
  verb: Extract<Verb, { verb: 'Connect' }>,
  callSid: string,
): Promise<void> {
  const url = verb.relayUrl!;
  const signature = twilio.getExpectedTwilioSignature(line.token, url, {});
  // The query binds the socket to this call (CallSid, expiry, MAC): it travels with the path.
  const { pathname, search } = new URL(url);
  const wsTarget = line.backend.replace(/\/+$/, '').replace(/^http/, 'ws') + pathname + search;
  const ws = new WebSocket(wsTarget, { headers: { 'x-twilio-signature': signature } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  if (verb.welcomeGreeting) line.out('agent', verb.welcomeGreeting);
  let text = '';
  let turnDone: (() => void) | null = null;
  let ended: { reason?: string } | null = null;
  ws.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as {
      type: string;
      token?: string;
      last?: boolean;
      handoffData?: string;
    };
    if (m.type === 'text') {
      text += m.token ?? '';
      if (m.last) {
        line.out('agent', text.trim());
        text = '';
        turnDone?.();
      }
    } else if (m.type === 'end') {
      ended = JSON.parse(m.handoffData ?? '{}');
      turnDone?.();
    }
  });
  ws.send(
    JSON.stringify({ type: 'setup', callSid, from: line.from, to: line.to, sessionId: sid('VX') }),
  );
  for (;;) {
    const said = await line.nextLine('you>');
    if (said === null || ended) break;
    const press = /^press\s+([0-9*#])$/i.exec(said.trim());
    const done = new Promise<void>((r) => (turnDone = r));
    ws.send(
      JSON.stringify(
        press
          ? { type: 'dtmf', digit: press[1] }
          : { type: 'prompt', voicePrompt: said, lang: 'en-US', last: true },
      ),
    );
    await Promise.race([done, new Promise((r) => setTimeout(r, 15_000))]);
    if (ended) break;
  }
  ws.close();
  if (verb.action) {
    const next = await post(line, verb.action, {
      CallSid: callSid,
      AccountSid: accountSid,
      From: line.from,
      To: line.to,
      HandoffData: JSON.stringify(ended ?? {}),
    });
    for (const v of readTwiml(next)) if (v.verb === 'Say') line.out('agent', v.text);
  }
}

/** A whole voice call: ringing, the turns, a transfer if one comes, the completed status. */
export async function voiceCall(line: PhoneLine): Promise<void> {
  const callSid = sid('CA');
  const started = Date.now();
  const base = {
    CallSid: callSid,
    AccountSid: accountSid,
    From: line.from,
    To: line.to,
    Direction: 'inbound',
  };
  line.out('phone', `calling ${line.to} from ${line.from} (${callSid})`);
  let twimlText = await post(line, '/twilio/voice', { ...base, CallStatus: 'ringing' });
  let spoke = false;
  call: for (;;) {
    let nextRequest: { url: string; params: Record<string, string> } | null = null;
    for (const verb of readTwiml(twimlText)) {
      if (verb.verb === 'Say') line.out('agent', verb.text);
      else if (verb.verb === 'Gather') {
        for (const s of verb.says) line.out('agent', s);
        const said = await line.nextLine('you>');
        if (said === null) break call;
        if (said.trim()) spoke = true;
        nextRequest = {
          url: verb.action,
          params: { ...base, CallStatus: 'in-progress', ...speechParams(said) },
        };
        break;
      } else if (verb.verb === 'Redirect') {
        nextRequest = { url: verb.url, params: { ...base, CallStatus: 'in-progress' } };
        break;
      } else if (verb.verb === 'Dial') {
        line.out('phone', `dialling ${verb.number} (rings up to ${verb.timeout ?? 30}s)`);
        if (verb.whisperUrl) {
          const whisper = await post(line, verb.whisperUrl, {
            CallSid: sid('CA'),
            ParentCallSid: callSid,
            AccountSid: accountSid,
            From: line.to,
            To: verb.number,
          });
          for (const v of readTwiml(whisper))
            if (v.verb === 'Say') line.out('staff', `hears: ${v.text}`);
        }
        const answered = line.staffAnswers;
        line.out('phone', answered ? 'staff answered; you are connected' : 'no answer');
        if (!verb.action) break call;
        nextRequest = {
          url: verb.action,
          params: {
            ...base,
            CallStatus: 'in-progress',
            DialCallStatus: answered ? 'completed' : 'no-answer',
          },
        };
        break;
      } else if (verb.verb === 'Connect') {
        await relayCall(line, verb, callSid);
        break call;
      } else if (verb.verb === 'Hangup') break call;
    }
    if (!nextRequest) break;
    twimlText = await post(line, nextRequest.url, nextRequest.params);
  }
  const duration = Math.round((Date.now() - started) / 1000);
  line.out('phone', `call ended after ${duration}s${spoke ? '' : ' (you never spoke)'}`);
  await post(line, '/twilio/voice/status', {
    ...base,
    CallStatus: 'completed',
    CallDuration: String(duration),
  });
}

/** One inbound text, signed as Twilio signs it. */
export async function sendText(line: PhoneLine, body: string): Promise<void> {
  await post(line, '/twilio/sms', {
    MessageSid: sid('SM'),
    AccountSid: accountSid,
    From: line.from,
    To: line.to,
    Body: body,
    NumMedia: '0',
  });
}
