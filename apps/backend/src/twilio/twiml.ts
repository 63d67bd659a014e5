import twilio from 'twilio';
import type { Tenant } from '@receptionist/domain';
import { callLanguage, voiceFor } from './voice-language.ts';

const { VoiceResponse, MessagingResponse } = twilio.twiml;

/** Everything a TwiML answer needs to know about the business and where Twilio calls back. */
export interface VoiceStyle {
  voice: string;
  language: string;
  hints: string;
}

/** How the line sounds in the conversation's language (absent: the tenant's default). */
export function voiceStyle(tenant: Tenant, language?: string): VoiceStyle {
  const lang = callLanguage(tenant, language);
  return {
    voice: voiceFor(tenant, lang),
    language: lang,
    // Service names help speech recognition with the words this business's callers actually use.
    hints: tenant.services.map((s) => s.name).join(', '),
  };
}

type SayVoice = Parameters<InstanceType<typeof VoiceResponse>['say']>[0] extends infer A
  ? A extends { voice?: infer V }
    ? V
    : never
  : never;

function say(
  node: { say: InstanceType<typeof VoiceResponse>['say'] },
  style: VoiceStyle,
  text: string,
) {
  node.say({ voice: style.voice as SayVoice, language: style.language as never }, text);
}

/** Speaks (interruptibly) and listens for the next speech or keypad turn. */
export function sayAndGather(style: VoiceStyle, actionUrl: string, text: string): string {
  const r = new VoiceResponse();
  const gather = r.gather({
    input: ['speech', 'dtmf'],
    speechTimeout: 'auto',
    timeout: 6,
    language: style.language as never,
    hints: style.hints || undefined,
    action: actionUrl,
    method: 'POST',
    // Silence comes back to the turn URL too, which is where the reprompt logic lives.
    actionOnEmptyResult: true,
  });
  if (text) say(gather, style, text);
  return r.toString();
}

export function sayAndHangup(style: VoiceStyle, text: string): string {
  const r = new VoiceResponse();
  say(r, style, text);
  r.hangup();
  return r.toString();
}

/** Plays a holding phrase and has Twilio come back for the answer that is still being worked on. */
export function holdAndRedirect(
  style: VoiceStyle,
  redirectUrl: string,
  text: string,
  pauseSeconds = 1,
): string {
  const r = new VoiceResponse();
  say(r, style, text);
  r.pause({ length: pauseSeconds });
  r.redirect({ method: 'POST' }, redirectUrl);
  return r.toString();
}

/**
 * Warm transfer: the caller hears the reply, the staff member hears the whisper first, and the
 * Dial action decides what happens when nobody answers.
 */
export function transfer(
  style: VoiceStyle,
  opts: {
    text: string;
    to: string;
    callerId: string;
    whisperUrl: string;
    dialActionUrl: string;
    timeoutSeconds: number;
  },
): string {
  const r = new VoiceResponse();
  if (opts.text) say(r, style, opts.text);
  const dial = r.dial({
    action: opts.dialActionUrl,
    method: 'POST',
    timeout: opts.timeoutSeconds,
    callerId: opts.callerId,
    answerOnBridge: true,
  });
  dial.number({ url: opts.whisperUrl, method: 'POST' }, opts.to);
  return r.toString();
}

export function sayOnly(style: VoiceStyle, text: string): string {
  const r = new VoiceResponse();
  say(r, style, text);
  return r.toString();
}

// Polly voices are named Polly.X in <Say>; ConversationRelay wants the provider and X apart.
function relayVoice(voice: string, ttsProvider: string): { ttsProvider: string; voice: string } {
  return voice.startsWith('Polly.')
    ? { ttsProvider: 'Amazon', voice: voice.slice('Polly.'.length) }
    : { ttsProvider, voice };
}

/**
 * Low-latency mode: Twilio does speech-to-text and text-to-speech, we stream text over a socket.
 * It starts in the conversation's language; a `<Language>` per tenant language gives each its
 * voice, so a switch over the socket (a `language` message) is spoken by the right one.
 */
export function conversationRelay(
  style: VoiceStyle,
  opts: {
    url: string;
    greeting: string;
    ttsProvider: string;
    actionUrl: string;
    languages?: { code: string; voice: string }[];
  },
): string {
  const r = new VoiceResponse();
  // The action runs when the socket session ends: a transfer or a goodbye chosen by the agent.
  const connect = r.connect({ action: opts.actionUrl, method: 'POST' });
  const relay = connect.conversationRelay({
    url: opts.url,
    welcomeGreeting: opts.greeting,
    language: style.language,
    ttsLanguage: style.language,
    transcriptionLanguage: style.language,
    ...relayVoice(style.voice, opts.ttsProvider),
    interruptible: 'any',
    dtmfDetection: true,
    hints: style.hints || undefined,
  });
  for (const l of opts.languages ?? [])
    relay.language({ code: l.code, ...relayVoice(l.voice, opts.ttsProvider) });
  return r.toString();
}

export function emptyMessagingResponse(): string {
  return new MessagingResponse().toString();
}

export function emptyVoiceResponse(): string {
  return new VoiceResponse().toString();
}

export function hangup(): string {
  const r = new VoiceResponse();
  r.hangup();
  return r.toString();
}
