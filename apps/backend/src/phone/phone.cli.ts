// The terminal phone: plays Twilio against a running local stack. It places a call (or sends
// texts) to the demo business, signs every request exactly as Twilio does, follows the TwiML it
// gets back as Twilio would, prints what the agent says and sends what you type as speech.
// Texts to the caller's number (the Checkout link of a deposit, the confirmation) are printed as
// they land, during the call and after it.
//   scripts/call.sh                       a voice call, interactive
//   scripts/call.sh --sms                 texting, interactive
//   scripts/call.sh --script file.txt     lines of the file are what the caller says (blank = silence)
// Type digits prefixed with "press " (e.g. "press 1") to use the keypad.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { clearLine, createInterface, cursorTo } from 'node:readline';
import { parseArgs } from 'node:util';
import twilio from 'twilio';
import { WebSocket } from 'ws';
import { watchOutbox, type OutboxText } from './outbox-watch.ts';
import { readTwiml, type Verb } from './twiml-reader.ts';

const { values: opts } = parseArgs({
  options: {
    sms: { type: 'boolean', default: false },
    script: { type: 'string' },
    to: { type: 'string', default: '+14155550100' },
    from: { type: 'string', default: '+14155550123' },
    url: { type: 'string', default: process.env.BACKEND_URL ?? 'http://localhost:3000' },
    'public-url': {
      type: 'string',
      default: process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000',
    },
    token: { type: 'string', default: process.env.TWILIO_AUTH_TOKEN ?? 'local-dev-twilio-token' },
    'staff-answers': { type: 'boolean', default: false },
  },
});

const publicBase = opts['public-url'].replace(/\/+$/, '');
const backend = opts.url.replace(/\/+$/, '');
const databaseUrl =
  process.env.DATABASE_URL ?? 'postgres://receptionist:receptionist@127.0.0.1:55432/receptionist';
const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const accountSid = `AC${'0'.repeat(32)}`;

// Input: the script's lines, or the keyboard.
const scriptLines = opts.script ? readFileSync(opts.script, 'utf8').split('\n') : null;
if (scriptLines && scriptLines.at(-1) === '') scriptLines.pop();
const rl = scriptLines ? null : createInterface({ input: process.stdin, output: process.stdout });
let rlClosed = false;
rl?.once('close', () => (rlClosed = true));
let asking = false;

/** Prints a line; a prompt waiting for the caller's words is drawn again below it. */
function out(who: string, text: string) {
  const redraw = asking && rl && process.stdout.isTTY;
  if (redraw) {
    clearLine(process.stdout, 0);
    cursorTo(process.stdout, 0);
  }
  process.stdout.write(`${who.padEnd(8)} ${text}\n`);
  if (redraw) rl.prompt(true);
}

async function nextLine(prompt: string): Promise<string | null> {
  if (scriptLines) {
    const line = scriptLines.shift();
    if (line === undefined) return null;
    out('you', line || '(silence)');
    return line;
  }
  if (!rl || rlClosed) return null;
  return new Promise((resolve) => {
    const onLine = (line: string) => finish(line);
    const onClose = () => finish(null);
    const finish = (v: string | null) => {
      asking = false;
      rl.off('line', onLine);
      rl.off('close', onClose);
      resolve(v);
    };
    rl.once('line', onLine);
    rl.once('close', onClose);
    asking = true;
    rl.setPrompt(`${prompt} `);
    rl.prompt();
  });
}

const showText = (t: OutboxText) =>
  out('sms', `${t.body}${t.status === 'skipped_opted_out' ? '  [not sent: opted out]' : ''}`);
const hasLink = (texts: OutboxText[]) => texts.some((t) => t.body.includes('http'));

/** Signs and posts as Twilio does: the signature covers the public URL and every parameter. */
async function post(url: string, params: Record<string, string>): Promise<string> {
  const absolute = url.startsWith('http') ? url : `${publicBase}${url}`;
  const signature = twilio.getExpectedTwilioSignature(opts.token, absolute, params);
  const target = backend + absolute.slice(publicBase.length);
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

function speechParams(line: string): Record<string, string> {
  const press = /^press\s+([0-9*#]+)$/i.exec(line.trim());
  if (press) return { Digits: press[1]! };
  return line.trim() ? { SpeechResult: line.trim(), Confidence: '0.93' } : { SpeechResult: '' };
}

async function relayCall(verb: Extract<Verb, { verb: 'Connect' }>, callSid: string): Promise<void> {
  const url = verb.relayUrl!;
  const signature = twilio.getExpectedTwilioSignature(opts.token, url, {});
  // The query binds the socket to this call (CallSid, expiry, MAC): it travels with the path.
  const { pathname, search } = new URL(url);
  const wsTarget = backend.replace(/^http/, 'ws') + pathname + search;
  const ws = new WebSocket(wsTarget, { headers: { 'x-twilio-signature': signature } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  if (verb.welcomeGreeting) out('agent', verb.welcomeGreeting);
  let line = '';
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
      line += m.token ?? '';
      if (m.last) {
        out('agent', line.trim());
        line = '';
        turnDone?.();
      }
    } else if (m.type === 'end') {
      ended = JSON.parse(m.handoffData ?? '{}');
      turnDone?.();
    }
  });
  ws.send(
    JSON.stringify({ type: 'setup', callSid, from: opts.from, to: opts.to, sessionId: sid('VX') }),
  );
  for (;;) {
    const said = await nextLine('you>');
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
    const next = await post(verb.action, {
      CallSid: callSid,
      AccountSid: accountSid,
      From: opts.from,
      To: opts.to,
      HandoffData: JSON.stringify(ended ?? {}),
    });
    for (const v of readTwiml(next)) if (v.verb === 'Say') out('agent', v.text);
  }
}

async function voiceCall(): Promise<void> {
  const callSid = sid('CA');
  const started = new Date();
  const base = {
    CallSid: callSid,
    AccountSid: accountSid,
    From: opts.from,
    To: opts.to,
    Direction: 'inbound',
  };
  out('phone', `calling ${opts.to} from ${opts.from} (${callSid})`);
  let twimlText = await post('/twilio/voice', { ...base, CallStatus: 'ringing' });
  let spoke = false;
  call: for (;;) {
    let nextRequest: { url: string; params: Record<string, string> } | null = null;
    for (const verb of readTwiml(twimlText)) {
      if (verb.verb === 'Say') out('agent', verb.text);
      else if (verb.verb === 'Gather') {
        for (const s of verb.says) out('agent', s);
        const said = await nextLine('you>');
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
        out('phone', `dialling ${verb.number} (rings up to ${verb.timeout ?? 30}s)`);
        if (verb.whisperUrl) {
          const whisper = await post(verb.whisperUrl, {
            CallSid: sid('CA'),
            ParentCallSid: callSid,
            AccountSid: accountSid,
            From: opts.to,
            To: verb.number,
          });
          for (const v of readTwiml(whisper))
            if (v.verb === 'Say') out('staff', `hears: ${v.text}`);
        }
        const answered = opts['staff-answers'];
        out('phone', answered ? 'staff answered; you are connected' : 'no answer');
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
        await relayCall(verb, callSid);
        break call;
      } else if (verb.verb === 'Hangup') break call;
    }
    if (!nextRequest) break;
    twimlText = await post(nextRequest.url, nextRequest.params);
  }
  const duration = Math.round((Date.now() - started.getTime()) / 1000);
  out('phone', `call ended after ${duration}s${spoke ? '' : ' (you never spoke)'}`);
  await post('/twilio/voice/status', {
    ...base,
    CallStatus: 'completed',
    CallDuration: String(duration),
  });
}

async function smsSession(inbox: Awaited<ReturnType<typeof watchOutbox>>): Promise<void> {
  out('phone', `texting ${opts.to} from ${opts.from}`);
  for (;;) {
    const body = await nextLine('text>');
    if (body === null) break;
    if (!body.trim()) continue;
    const before = inbox.texts.length;
    await post('/twilio/sms', {
      MessageSid: sid('SM'),
      AccountSid: accountSid,
      From: opts.from,
      To: opts.to,
      Body: body,
      NumMedia: '0',
    });
    // The reply before the next line; later texts (a Checkout link) show whenever they land.
    await inbox.until((t) => t.length > before, 15_000);
  }
}

const inbox = await watchOutbox({ databaseUrl, to: opts.from, onText: showText });
try {
  if (opts.sms) await smsSession(inbox);
  else {
    await voiceCall();
    // Texts sent as the call ends (a link, a summary) still belong to this call.
    await inbox.until((t) => t.length > 0, 6_000);
  }
  if (rl && !rlClosed && hasLink(inbox.texts)) {
    // A Checkout link was texted: stay up so the confirmation shows once it is paid.
    out('phone', 'texts keep arriving here (pay at the link to see the confirmation); Enter quits');
    await nextLine('');
  }
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  rl?.close();
  await inbox.stop();
}
