/**
 * Outbound calls through Twilio's Calls API: placed with answering-machine detection that waits
 * for the end of the greeting (`DetectMessageEnd`, asynchronous, so a person who answers is not
 * kept waiting), and redirected mid-call when the detection says a machine took it.
 *
 *   const voice = createOutboundVoice({ breakers, twilio: { accountSid, authToken, apiBaseUrl } });
 *   const sid = await voice.placeCall({ from, to, answerUrl, amdCallbackUrl, statusCallbackUrl });
 *   await voice.updateCall(sid, '<Response><Say>…</Say><Hangup/></Response>');
 */
import twilio from 'twilio';
import type { BreakerFactory } from '../breaker.ts';
import { RebasedRequestClient, type TwilioSettings } from '../sms/sms-sender.ts';

export interface PlaceCall {
  from: string;
  to: string;
  /** TwiML webhook fetched when the call is answered. */
  answerUrl: string;
  /** Receives AnsweredBy (human, machine_end_beep, ...) once the detection is done. */
  amdCallbackUrl: string;
  /** Receives the final CallStatus (completed, busy, no-answer, failed, canceled). */
  statusCallbackUrl: string;
  /** Seconds the phone rings before Twilio gives up (no-answer). */
  ringSeconds?: number;
}

export interface OutboundVoice {
  placeCall(call: PlaceCall): Promise<string>;
  /** Replaces what the live call is doing with this TwiML. */
  updateCall(callSid: string, twiml: string): Promise<void>;
}

export function createOutboundVoice(deps: {
  breakers: BreakerFactory;
  twilio: TwilioSettings;
  timeoutMs?: number;
}): OutboundVoice {
  const client = twilio(deps.twilio.accountSid, deps.twilio.authToken, {
    ...(deps.twilio.apiBaseUrl
      ? { httpClient: new RebasedRequestClient(deps.twilio.apiBaseUrl) }
      : {}),
  });
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const create = deps.breakers.create(
    'twilio-calls',
    async (c: PlaceCall) => {
      const call = await client.calls.create({
        from: c.from,
        to: c.to,
        url: c.answerUrl,
        method: 'POST',
        machineDetection: 'DetectMessageEnd',
        asyncAmd: 'true',
        asyncAmdStatusCallback: c.amdCallbackUrl,
        asyncAmdStatusCallbackMethod: 'POST',
        statusCallback: c.statusCallbackUrl,
        statusCallbackMethod: 'POST',
        statusCallbackEvent: ['completed'],
        timeout: c.ringSeconds ?? 25,
      });
      return call.sid;
    },
    { timeoutMs },
  );
  const update = deps.breakers.create(
    'twilio-calls-update',
    async (callSid: string, twiml: string) => {
      await client.calls(callSid).update({ twiml });
    },
    { timeoutMs },
  );
  return {
    placeCall: (c) => create.fire(c),
    updateCall: (sid, twiml) => update.fire(sid, twiml),
  };
}
