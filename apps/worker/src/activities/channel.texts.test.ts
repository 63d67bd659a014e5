import { describe, expect, it } from 'vitest';
import type { CallEvent } from '@receptionist/domain';
import { afterCallText } from './call-follow-up.activities.ts';
import { callerLanguage, channelTexts } from './channel.texts.ts';

describe('channel texts', () => {
  it('has every text in English, French and Spanish, each naming the business', () => {
    for (const tag of ['en-US', 'fr-CA', 'es-US']) {
      const say = channelTexts(tag);
      expect(say.smsFallback.length).toBeGreaterThan(20);
      for (const text of [say.keywordStart, say.keywordHelp, say.missedCall, say.afterCall])
        expect(text('Bright Smile')).toContain('Bright Smile');
      // The keywords our reader and the carriers know stay the English words.
      expect(say.keywordHelp('x')).toContain('STOP');
    }
    expect(channelTexts('es-ES')).toBe(channelTexts('es-US'));
    expect(channelTexts('de-DE')).toBe(channelTexts('en-US'));
    expect(channelTexts(null)).toBe(channelTexts('en-US'));
  });

  it('picks the first language the tenant speaks: the call, the contact, else the default', () => {
    const tenant = { languages: ['en-US', 'fr-CA', 'es-US'] };
    expect(callerLanguage(tenant, 'es-US', 'fr-CA')).toBe('es-US');
    expect(callerLanguage(tenant, undefined, 'fr-CA')).toBe('fr-CA');
    // A language the business does not speak is skipped; a bare or other-region tag maps on.
    expect(callerLanguage(tenant, 'de-DE', 'fr')).toBe('fr-CA');
    expect(callerLanguage(tenant, 'es-MX')).toBe('es-US');
    expect(callerLanguage(tenant, null, 'x'.repeat(40))).toBe('en-US');
    expect(callerLanguage({ languages: [] })).toBe('en-US');
  });
});

describe('the text after a call', () => {
  const spoke: CallEvent = { type: 'caller_spoke' };
  const none = { booked: false, escalated: false };
  it('is the missed-call text when the caller never spoke', () => {
    expect(afterCallText({ outcome: 'missed', events: [], ...none })).toBe('missed_call');
  });

  it('follows up only a call with neither a booking nor a hand-over', () => {
    expect(afterCallText({ outcome: 'question_answered', events: [spoke], ...none })).toBe(
      'follow_up',
    );
    expect(afterCallText({ outcome: 'abandoned', events: [spoke], ...none })).toBe('follow_up');
    for (const made of [
      { booked: true, escalated: false },
      { booked: false, escalated: true },
    ])
      expect(afterCallText({ outcome: 'question_answered', events: [spoke], ...made })).toBeNull();
  });

  it('keeps a text the line promised', () => {
    const events: CallEvent[] = [spoke, { type: 'transfer_unanswered' }, { type: 'sms_requested' }];
    expect(afterCallText({ outcome: 'escalated', events, booked: false, escalated: true })).toBe(
      'follow_up',
    );
  });
});
