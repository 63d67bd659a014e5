import { describe, expect, it } from 'vitest';
import { analyseCallByRules, keepCallerQuotes } from './call-analysis.ts';

describe('call analysis by rules', () => {
  it('reads a booking call with thanks as a booked, positive call needing nothing more', () => {
    const a = analyseCallByRules({
      outcome: 'booked',
      callerSaid: ['Hi, I would like to book a cleaning', 'Tuesday works', 'Great, thanks!'],
    });
    expect(a).toMatchObject({
      intent: 'book',
      outcome: 'booked',
      followUpNeeded: false,
      followUpReason: null,
      sentiment: 'positive',
    });
    expect(a.evidence.intent).toEqual(['Hi, I would like to book a cleaning']);
    expect(a.evidence.sentiment).toEqual(['Great, thanks!']);
  });

  it('puts an emergency before a booking and asks for a follow-up after a hand-over', () => {
    const a = analyseCallByRules({
      outcome: 'escalated',
      callerSaid: ['I need an appointment', 'my tooth is broken and the pain is terrible'],
    });
    expect(a.intent).toBe('emergency');
    expect(a.outcome).toBe('handed_to_staff');
    expect(a.followUpNeeded).toBe(true);
    expect(a.sentiment).toBe('negative');
    expect(a.evidence.intent).toEqual(['my tooth is broken and the pain is terrible']);
  });

  it('reads French and Spanish callers too', () => {
    expect(
      analyseCallByRules({ outcome: 'abandoned', callerSaid: ['Je voudrais annuler'] }),
    ).toMatchObject({ intent: 'cancel', outcome: 'dropped', followUpNeeded: true });
    expect(
      analyseCallByRules({ outcome: 'question_answered', callerSaid: ['¿Cuánto cuesta?'] }),
    ).toMatchObject({ intent: 'price', followUpNeeded: false, sentiment: 'neutral' });
  });

  it('keeps a missed call with no words as missed, with nothing quoted', () => {
    const a = analyseCallByRules({ outcome: 'missed', callerSaid: [] });
    expect(a).toMatchObject({ outcome: 'missed', followUpNeeded: true, intent: 'other' });
    expect(Object.values(a.evidence).flat()).toEqual([]);
  });

  it('drops quotes the caller never said', () => {
    const a = analyseCallByRules({ outcome: 'booked', callerSaid: ['book me in please'] });
    const claimed = { ...a, evidence: { ...a.evidence, intent: ['book me in', 'I hate this'] } };
    expect(keepCallerQuotes(claimed, ['Book me in please']).evidence.intent).toEqual([
      'book me in',
    ]);
  });
});
