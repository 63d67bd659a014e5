import { describe, expect, it } from 'vitest';
import { callerNumber } from './caller-id.ts';

describe('caller ID', () => {
  it('keeps a real E.164 number', () => {
    expect(callerNumber('+14155550123')).toBe('+14155550123');
    expect(callerNumber(' +442079460000 ')).toBe('+442079460000');
  });

  it('reads withheld, short-code and empty caller IDs as no number', () => {
    for (const from of [
      'anonymous',
      'Anonymous',
      '+266696687',
      '+7378742833',
      '+2562533',
      '+8656696',
      '+86282452253',
      '12345',
      '+1234',
      '',
      undefined,
      'client:alice',
      'sip:bob@example.com',
    ])
      expect(callerNumber(from)).toBeNull();
  });
});
