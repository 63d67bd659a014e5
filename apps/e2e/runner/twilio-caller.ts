// Plays Twilio against the backend: a call that follows the TwiML it is answered with (Say,
// Gather, Redirect, Dial, Hangup) exactly as Twilio would, or a text thread, every request signed
// with Twilio's own signer over the public URL and the posted parameters.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import twilio from 'twilio';
import { readTwiml, type Verb } from '@receptionist/backend/phone/twiml-reader';
import { smsKeyword } from '@receptionist/domain';
import type { Line } from './scenario.types.ts';

export interface TwilioTarget {
  /** Where the backend listens (loopback). */
  baseUrl: string;
  /** The PUBLIC_BASE_URL the backend validates signatures against. */
  publicBaseUrl: string;
  authToken: string;
}

/** A code the business just texted the caller (to prove they hold the number), once; else null. */
export type CodeReader = () => Promise<string | null>;

export type TranscriptEntry = { who: 'caller' | 'agent' | 'phone' | 'text'; text: string };

export interface Conversation {
  transcript: TranscriptEntry[];
  /** What the agent said or texted back, in order. */
  replies: string[];
  /** What the agent said since the caller's previous line, by index of the caller's line. */
  heardBefore: string[];
  /** Numbers a <Dial> rang. */
  dials: string[];
  /** Webhooks the backend did not answer with 2xx. */
  errors: string[];
  callSid?: string;
}

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const MAX_REQUESTS_PER_CALL = 80;
const MAX_REDIRECTS_PER_TURN = 6;
const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

async function post(
  target: TwilioTarget,
  url: string,
  params: Record<string, string>,
): Promise<{ ok: boolean; status: number; body: string }> {
  const absolute = url.startsWith('http') ? url : `${target.publicBaseUrl}${url}`;
  const signature = twilio.getExpectedTwilioSignature(target.authToken, absolute, params);
  if (!absolute.startsWith(target.publicBaseUrl)) throw new Error(`TwiML points away: ${absolute}`);
  const res = await fetch(target.baseUrl + absolute.slice(target.publicBaseUrl.length), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature,
    },
    body: new URLSearchParams(params),
    signal: AbortSignal.timeout(45_000),
  });
  return { ok: res.ok, status: res.status, body: await res.text() };
}

function speech(line: Line): Record<string, string> {
  if (typeof line === 'object' && 'digits' in line) return { Digits: line.digits };
  const text = typeof line === 'string' ? line.trim() : '';
  return text ? { SpeechResult: text, Confidence: '0.87' } : { SpeechResult: '' };
}
const show = (line: Line) =>
  typeof line === 'string'
    ? line || '(silence)'
    : 'digits' in line
      ? `[presses ${line.digits}]`
      : '';

/** The agent's words since the caller last spoke. */
function sinceCaller(conv: Conversation): string {
  const said: string[] = [];
  for (let i = conv.transcript.length - 1; i >= 0 && conv.transcript[i]!.who !== 'caller'; i--)
    if (conv.transcript[i]!.who === 'agent') said.unshift(conv.transcript[i]!.text);
  return said.join(' ');
}

/** One phone call from caller to business, saying lines at each Gather; ends with the status callback. */
export async function placeCall(
  target: TwilioTarget,
  call: {
    from: string;
    to: string;
    lines: Line[];
    staffAnswers?: boolean;
    attested?: boolean;
    readCode?: CodeReader;
  },
): Promise<Conversation> {
  const callSid = sid('CA');
  const conv: Conversation = {
    transcript: [],
    replies: [],
    heardBefore: [],
    dials: [],
    errors: [],
    callSid,
  };
  const base = {
    CallSid: callSid,
    AccountSid: ACCOUNT_SID,
    From: call.from,
    To: call.to,
    Direction: 'inbound',
    // Twilio adds the caller ID's STIR/SHAKEN verdict to every request of the call.
    ...(call.attested ? { StirVerstat: 'TN-Validation-Passed-A' } : {}),
  };
  const started = Date.now();
  const lines = [...call.lines];
  const say = (text: string) => {
    if (!text) return;
    conv.transcript.push({ who: 'agent', text });
    conv.replies.push(text);
  };
  let res = await post(target, '/twilio/voice', { ...base, CallStatus: 'ringing' });
  let redirects = 0;
  for (let requests = 0; requests < MAX_REQUESTS_PER_CALL; requests++) {
    if (!res.ok) {
      conv.errors.push(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
      conv.transcript.push({ who: 'phone', text: `application error (HTTP ${res.status})` });
      break;
    }
    let verbs: Verb[];
    try {
      verbs = readTwiml(res.body);
    } catch (err) {
      conv.errors.push(String(err));
      break;
    }
    const next = await nextRequest(verbs, lines, conv, say, call);
    if (!next) break;
    if (next.redirect) {
      redirects += 1;
      if (redirects > MAX_REDIRECTS_PER_TURN) {
        conv.errors.push('Redirect loop');
        break;
      }
    } else redirects = 0;
    res = await post(target, next.url, { ...base, CallStatus: 'in-progress', ...next.params });
  }
  const duration = String(Math.round((Date.now() - started) / 1000));
  const end = await post(target, '/twilio/voice/status', {
    ...base,
    CallStatus: 'completed',
    CallDuration: duration,
  });
  if (!end.ok) conv.errors.push(`status callback HTTP ${end.status}`);
  conv.transcript.push({ who: 'phone', text: 'call ended' });
  return conv;
}

/** What Twilio would request next after running these verbs; null when the call is over. */
async function nextRequest(
  verbs: Verb[],
  lines: Line[],
  conv: Conversation,
  say: (text: string) => void,
  opts: { staffAnswers?: boolean; readCode?: CodeReader },
): Promise<{ url: string; params: Record<string, string>; redirect?: boolean } | null> {
  const staffAnswers = opts.staffAnswers ?? false;
  for (const v of verbs) {
    if (v.verb === 'Say') say(v.text);
    else if (v.verb === 'Gather') {
      for (const s of v.says) say(s);
      const code = await opts.readCode?.();
      if (code) {
        conv.heardBefore.push(sinceCaller(conv));
        conv.transcript.push({ who: 'caller', text: `${code}  (reads the code texted to them)` });
        return { url: v.action, params: speech(code) };
      }
      const line = lines.shift();
      if (line === undefined || (typeof line === 'object' && 'hangup' in line)) {
        conv.transcript.push({ who: 'phone', text: 'caller hangs up' });
        return null;
      }
      conv.heardBefore.push(sinceCaller(conv));
      conv.transcript.push({ who: 'caller', text: show(line) });
      // Silence: Twilio posts the action only when asked to on an empty result, else runs on.
      if (line === '' && v.actionOnEmptyResult !== 'true') continue;
      return { url: v.action, params: speech(line) };
    } else if (v.verb === 'Redirect') {
      conv.transcript.push({ who: 'phone', text: '(redirect)' });
      return { url: v.url, params: {}, redirect: true };
    } else if (v.verb === 'Dial') {
      conv.dials.push(v.number);
      conv.transcript.push({
        who: 'phone',
        text: `dialling ${v.number}: ${staffAnswers ? 'staff answer' : 'no answer'}`,
      });
      const more = lines.length > 0 && !(typeof lines[0] === 'object' && 'hangup' in lines[0]!);
      if (!v.action || (!staffAnswers && !more)) return null;
      return {
        url: v.action,
        params: staffAnswers
          ? { DialCallStatus: 'completed', DialCallDuration: '40' }
          : { DialCallStatus: 'no-answer' },
      };
    } else if (v.verb === 'Hangup') {
      conv.transcript.push({ who: 'phone', text: 'agent hangs up' });
      return null;
    } else if (v.verb === 'Connect') {
      conv.errors.push('ConversationRelay answered a Gather-mode business');
      return null;
    }
  }
  // The end of the document: Twilio hangs up.
  return null;
}

/** Texts to the business, each awaiting the reply the contact's workflow sends (or none for STOP). */
export async function textThread(
  target: TwilioTarget,
  db: pg.Pool,
  thread: {
    tenantId: string;
    from: string;
    to: string;
    lines: Line[];
    replyTimeoutMs: number;
    readCode?: CodeReader;
  },
): Promise<Conversation> {
  const conv: Conversation = {
    transcript: [],
    replies: [],
    heardBefore: [],
    dials: [],
    errors: [],
  };
  const lines = [...thread.lines];
  while (lines.length > 0) {
    const code = await thread.readCode?.();
    const line = code ?? lines.shift()!;
    if (typeof line !== 'string') continue;
    const messageSid = sid('SM');
    conv.heardBefore.push(sinceCaller(conv));
    conv.transcript.push({
      who: 'caller',
      text: code ? `${code}  (the code texted to them)` : line,
    });
    const res = await post(target, '/twilio/sms', {
      MessageSid: messageSid,
      AccountSid: ACCOUNT_SID,
      From: thread.from,
      To: thread.to,
      Body: line,
      NumMedia: '0',
    });
    if (!res.ok) {
      conv.errors.push(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
      break;
    }
    // STOP is answered by the carrier, not by us: nothing to wait for.
    if (smsKeyword(line) === 'stop') continue;
    const reply = await waitForReply(db, thread.tenantId, messageSid, thread.replyTimeoutMs);
    if (!reply) {
      conv.transcript.push({ who: 'phone', text: '(no reply)' });
      continue;
    }
    const note = reply.status === 'skipped_opted_out' ? '  [not sent: opted out]' : '';
    conv.transcript.push({ who: 'agent', text: `${reply.body}${note}` });
    conv.replies.push(reply.body);
  }
  return conv;
}

async function waitForReply(
  db: pg.Pool,
  tenantId: string,
  messageSid: string,
  timeoutMs: number,
): Promise<{ body: string; status: string } | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await db.query(
      `SELECT body, status FROM outbound_messages
        WHERE tenant_id = $1 AND idempotency_key IN ($2, $3) LIMIT 1`,
      [tenantId, `reply:${messageSid}`, `keyword:${messageSid}`],
    );
    if (rows[0]) return rows[0];
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}
