import { describe, expect, it } from 'vitest';
import { decideCallOutcome, smsKeyword } from './channel-workflows.ts';

describe('SMS keywords', () => {
  it.each([
    ['STOP', 'stop'],
    ['stopall', 'stop'],
    [' Unsubscribe ', 'stop'],
    ['cancel.', 'stop'],
    ['END', 'stop'],
    ['quit!', 'stop'],
    ['START', 'start'],
    ['yes', 'start'],
    ['Unstop', 'start'],
    ['HELP', 'help'],
    ['info', 'help'],
  ])('%j is %s', (body, keyword) => {
    expect(smsKeyword(body)).toBe(keyword);
  });

  it('ignores keywords inside a sentence', () => {
    expect(smsKeyword('please stop calling me at work')).toBeNull();
    expect(smsKeyword('yes please book me in')).toBeNull();
  });
});

describe('call outcome', () => {
  it('a confirmed booking wins; a silent caller is a missed call; a half-made booking is abandoned', () => {
    expect(
      decideCallOutcome([
        { type: 'caller_spoke' },
        { type: 'transfer', to: '+14155550199', summary: 's', recorded: true },
        { type: 'booking_confirmed', bookingId: 'b', startsAt: 'x', service: 'Cleaning' },
      ]),
    ).toBe('booked');
    expect(decideCallOutcome([])).toBe('missed');
    expect(decideCallOutcome([{ type: 'sms_requested' }])).toBe('missed');
    expect(
      decideCallOutcome([{ type: 'caller_spoke' }, { type: 'booking_started', bookingId: 'b' }]),
    ).toBe('abandoned');
    expect(decideCallOutcome([{ type: 'caller_spoke' }])).toBe('question_answered');
    expect(
      decideCallOutcome([
        { type: 'caller_spoke' },
        { type: 'transfer', to: '+1', summary: '', recorded: true },
      ]),
    ).toBe('escalated');
    expect(
      decideCallOutcome([
        { type: 'caller_spoke' },
        { type: 'transfer', to: '+1', summary: '', recorded: true },
        { type: 'message_taken', summary: 'call back', recorded: false },
      ]),
    ).toBe('message_taken');
  });
});
