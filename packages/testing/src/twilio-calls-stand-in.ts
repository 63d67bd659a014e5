/**
 * A local stand-in for Twilio's Calls API (2010-04-01) for the real `twilio` SDK: creating a call
 * with asynchronous answering-machine detection, and updating a live call's TwiML. Each created
 * call then plays out what the test's script says for its number, calling back our webhooks as
 * Twilio does: the answer URL, the AMD status callback (AnsweredBy) and the final status, each
 * signed with X-Twilio-Signature (HMAC-SHA1 of the URL and sorted parameters, the auth token as
 * key). A machine's call completes once our side updates it (the voicemail) or after a while.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { startStandIn, type StandIn } from './stand-in.ts';

export interface ScriptedCall {
  /** human, machine_end_beep, machine_end_silence, unknown, ...; absent: never answered. */
  answeredBy?: string;
  /** The final status when nobody answered: no-answer (default), busy or failed. */
  unanswered?: 'no-answer' | 'busy' | 'failed';
}

export interface StandInCall {
  sid: string;
  to: string;
  from: string;
  params: Record<string, string>;
  /** TwiML our side sent to the live call (the voicemail). */
  updates: string[];
  /** Callbacks delivered: [url, HTTP status] in order. */
  callbacks: { url: string; status: number }[];
  done: Promise<void>;
}

export interface TwilioCallsStandIn extends StandIn {
  accountSid: string;
  authToken: string;
  calls: StandInCall[];
}

/** Twilio's request signature: base64 HMAC-SHA1 over the URL followed by each sorted key+value. */
export function twilioSignatureFor(
  authToken: string,
  url: string,
  params: Record<string, string>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startTwilioCallsStandIn(opts: {
  script: (to: string) => ScriptedCall;
  accountSid?: string;
  authToken?: string;
  /** How long a machine's call waits for the voicemail update before completing anyway. */
  machineHangupMs?: number;
}): Promise<TwilioCallsStandIn> {
  const accountSid = opts.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = opts.authToken ?? randomBytes(16).toString('hex');
  const calls: StandInCall[] = [];

  const post = async (call: StandInCall, url: string, params: Record<string, string>) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignatureFor(authToken, url, params),
      },
      body: new URLSearchParams(params).toString(),
    }).catch(() => null);
    call.callbacks.push({ url, status: res?.status ?? 0 });
    await res?.text().catch(() => undefined);
  };

  const play = async (call: StandInCall, scripted: ScriptedCall) => {
    const p = call.params;
    const base = { AccountSid: accountSid, CallSid: call.sid, From: call.from, To: call.to };
    const finish = (status: string, duration: string) =>
      post(call, p.StatusCallback!, {
        ...base,
        CallStatus: status,
        CallDuration: duration,
        Direction: 'outbound-api',
        ApiVersion: '2010-04-01',
      });
    await sleep(50);
    if (!scripted.answeredBy) return finish(scripted.unanswered ?? 'no-answer', '0');
    await post(call, p.Url!, { ...base, CallStatus: 'in-progress', Direction: 'outbound-api' });
    await sleep(50);
    if (p.AsyncAmd === 'true' && p.AsyncAmdStatusCallback) {
      await post(call, p.AsyncAmdStatusCallback, {
        AccountSid: accountSid,
        CallSid: call.sid,
        AnsweredBy: scripted.answeredBy,
        MachineDetectionDuration: '2400',
      });
    }
    if (scripted.answeredBy.startsWith('machine')) {
      const until = Date.now() + (opts.machineHangupMs ?? 5_000);
      while (call.updates.length === 0 && Date.now() < until) await sleep(25);
    } else {
      await sleep(100);
    }
    await finish('completed', '12');
  };

  const callJson = (call: StandInCall, status: string) => ({
    sid: call.sid,
    account_sid: accountSid,
    to: call.to,
    from: call.from,
    status,
    direction: 'outbound-api',
    api_version: '2010-04-01',
    date_created: new Date().toUTCString(),
    uri: `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}.json`,
  });

  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const standIn = await startStandIn((req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== expectedAuth)
      return json(401, { code: 20003, message: 'Authenticate', status: 401 });
    const path = req.path.split('?')[0]!;
    const prefix = `/2010-04-01/Accounts/${accountSid}/Calls`;
    const form = Object.fromEntries(new URLSearchParams(req.body));
    if (req.method === 'POST' && path === `${prefix}.json`) {
      if (!form.To || !form.From || !(form.Url || form.Twiml))
        return json(400, { code: 21201, message: 'To, From and Url are required', status: 400 });
      const call: StandInCall = {
        sid: `CA${randomBytes(16).toString('hex')}`,
        to: form.To,
        from: form.From,
        params: form,
        updates: [],
        callbacks: [],
        done: Promise.resolve(),
      };
      calls.push(call);
      call.done = play(call, opts.script(form.To));
      return json(201, callJson(call, 'queued'));
    }
    const m = path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : '';
    const call = m.endsWith('.json') ? calls.find((c) => c.sid === m.slice(0, -5)) : undefined;
    if (req.method === 'POST' && call) {
      if (form.Twiml) call.updates.push(form.Twiml);
      return json(200, callJson(call, 'in-progress'));
    }
    return json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
  });
  return { ...standIn, accountSid, authToken, calls };
}
