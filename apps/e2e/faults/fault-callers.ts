// Simulated callers and texters for the fault suite: each plays Twilio (signed webhooks, the
// TwiML followed verb by verb, a pause between the caller's lines) and records how its call
// went, so the suite can tell a call our fault ended from one that went on.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import twilio from 'twilio';
import { readTwiml, type Verb } from '@receptionist/backend/phone/twiml-reader';

export interface CallRecord {
  callSid: string;
  from: string;
  /** Lines the caller said that the business answered. */
  answered: string[];
  replies: string[];
  /** Holding phrases: turns the backend retried through a Redirect. */
  retries: number;
  /** Responses that were an HTTP error, no TwiML, or no connection at all. */
  failures: string[];
  /** How the call ended: all its lines said, hung up on by us, or handed to staff. */
  end: 'completed' | 'dropped' | 'transferred';
  booking: boolean;
  startedAt: number;
  endedAt: number;
}

export interface TextRecord {
  from: string;
  sent: number;
  replied: number;
  /** Webhooks answered with an error and posted again, as Twilio retries them. */
  retried: number;
  lost: string[];
}

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAX_REQUESTS = 120;
const REPROMPT = "Sorry, I didn't catch that.";
const MAX_REDIRECTS_PER_TURN = 8;

async function post(base: string, path: string, params: Record<string, string>, token: string) {
  const url = `${base}${path}`;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(token, url, params),
      },
      body: new URLSearchParams(params),
      // Twilio's own limit for a voice webhook's answer.
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, body: await res.text() };
  } catch (err) {
    return { status: 0, body: String((err as Error).message ?? err) };
  }
}

/** One call: says its lines at each Gather, a pause apart, and ends with the status callback. */
export async function simulatedCall(opts: {
  base: string;
  token: string;
  from: string;
  to: string;
  lines: string[];
  booking: boolean;
  pauseMs: () => number;
}): Promise<CallRecord> {
  const rec: CallRecord = {
    callSid: sid('CA'),
    from: opts.from,
    answered: [],
    replies: [],
    retries: 0,
    failures: [],
    end: 'dropped',
    booking: opts.booking,
    startedAt: Date.now(),
    endedAt: 0,
  };
  const params = { CallSid: rec.callSid, AccountSid: ACCOUNT_SID, From: opts.from, To: opts.to };
  const lines = [...opts.lines];
  let said: string | null = null;
  let res = await post(
    opts.base,
    '/twilio/voice',
    { ...params, CallStatus: 'ringing' },
    opts.token,
  );
  let redirects = 0;
  let requests = 0;
  for (; requests < MAX_REQUESTS; requests++) {
    if (res.status !== 200) {
      rec.failures.push(`HTTP ${res.status} ${res.body.slice(0, 80)}`);
      break;
    }
    let verbs: Verb[];
    try {
      verbs = readTwiml(res.body);
    } catch (err) {
      rec.failures.push(`unreadable TwiML: ${String(err).slice(0, 80)}`);
      break;
    }
    if (!verbs.some((v) => v.verb !== 'Pause')) {
      rec.failures.push('empty TwiML');
      break;
    }
    const spoken = verbs.flatMap((v) =>
      v.verb === 'Say' ? [v.text] : v.verb === 'Gather' ? v.says : [],
    );
    // "Could you say it again?": the caller repeats the line rather than moving on.
    const again = spoken.some((t) => t.startsWith(REPROMPT));
    if (spoken.length) {
      rec.replies.push(spoken.join(' '));
      if (said !== null && !again) rec.answered.push(said);
      if (said !== null && again) {
        lines.unshift(said);
        rec.retries += 1;
      }
      said = null;
    }
    const gather = verbs.find((v) => v.verb === 'Gather');
    const redirect = verbs.find((v) => v.verb === 'Redirect');
    if (verbs.some((v) => v.verb === 'Dial')) {
      rec.end = lines.length === 0 ? 'completed' : 'transferred';
      break;
    }
    if (gather && gather.verb === 'Gather') {
      redirects = 0;
      const line = lines.shift();
      if (line === undefined) {
        rec.end = 'completed';
        break;
      }
      await sleep(opts.pauseMs());
      said = line;
      res = await post(
        opts.base,
        gather.action.slice(opts.base.length),
        { ...params, CallStatus: 'in-progress', SpeechResult: line, Confidence: '0.9' },
        opts.token,
      );
      continue;
    }
    if (redirect && redirect.verb === 'Redirect') {
      rec.retries += 1;
      // Twilio plays the pauses before it follows the Redirect.
      await sleep(verbs.reduce((ms, v) => ms + (v.verb === 'Pause' ? v.length * 1_000 : 0), 0));
      if (++redirects > MAX_REDIRECTS_PER_TURN) {
        rec.failures.push('redirect loop');
        break;
      }
      res = await post(
        opts.base,
        redirect.url.slice(opts.base.length),
        { ...params, CallStatus: 'in-progress' },
        opts.token,
      );
      continue;
    }
    // A Hangup, or the end of the document: the call is over. Ours to end only after its last line.
    rec.end = lines.length === 0 ? 'completed' : 'dropped';
    break;
  }
  // The suite's own bound, not a hang-up: said so, so the call is not mistaken for one we ended.
  if (requests >= MAX_REQUESTS) rec.failures.push("the call reached the suite's request bound");
  await post(
    opts.base,
    '/twilio/voice/status',
    { ...params, CallStatus: 'completed', CallDuration: '30' },
    opts.token,
  );
  rec.endedAt = Date.now();
  return rec;
}

/** A text thread: each text awaits its reply; one answered with an error is posted again. */
export async function simulatedTexts(opts: {
  base: string;
  token: string;
  pool: pg.Pool;
  tenantId: string;
  from: string;
  to: string;
  lines: string[];
  replyTimeoutMs: number;
  pauseMs: () => number;
}): Promise<TextRecord> {
  const rec: TextRecord = { from: opts.from, sent: 0, replied: 0, retried: 0, lost: [] };
  for (const line of opts.lines) {
    const messageSid = sid('SM');
    const params = {
      MessageSid: messageSid,
      AccountSid: ACCOUNT_SID,
      From: opts.from,
      To: opts.to,
      Body: line,
      NumMedia: '0',
    };
    rec.sent += 1;
    for (let attempt = 0; attempt < 6; attempt++) {
      const res = await post(opts.base, '/twilio/sms', params, opts.token);
      if (res.status >= 200 && res.status < 300) break;
      rec.retried += 1;
      await sleep(3_000);
    }
    const deadline = Date.now() + opts.replyTimeoutMs;
    let replied = false;
    while (!replied && Date.now() < deadline) {
      const { rows } = await opts.pool
        .query(`SELECT 1 FROM outbound_messages WHERE tenant_id = $1 AND idempotency_key = $2`, [
          opts.tenantId,
          `reply:${messageSid}`,
        ])
        .catch(() => ({ rows: [] }));
      replied = rows.length > 0;
      if (!replied) await sleep(500);
    }
    if (replied) rec.replied += 1;
    else rec.lost.push(messageSid);
    await sleep(opts.pauseMs());
  }
  return rec;
}
