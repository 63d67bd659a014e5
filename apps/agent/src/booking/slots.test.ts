import { describe, expect, it } from 'vitest';
import { computeFreeSlots, pickOffers } from './slots.ts';
import { spokenTime } from './spoken-time.ts';
import { zonedToUtc } from './zoned-time.ts';

const hours = {
  mon: [{ open: '09:00', close: '12:00' }],
  tue: [{ open: '09:00', close: '11:00' }],
};
const tz = 'America/New_York';

describe('built-in calendar slots', () => {
  it('lays slots on opening hours in the tenant zone, minus busy intervals', () => {
    const slots = computeFreeSlots({
      businessHours: hours,
      timezone: tz,
      closedDates: [],
      durationMinutes: 60,
      from: new Date('2030-03-04T05:00:00Z'),
      to: new Date('2030-03-05T05:00:00Z'),
      busy: [
        { startsAt: new Date('2030-03-04T15:00:00Z'), endsAt: new Date('2030-03-04T15:30:00Z') },
      ],
    });
    // 9:00-12:00 EST is 14:00-17:00Z; a busy 10:00-10:30 removes every hour-long slot touching it.
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      '2030-03-04T14:00:00.000Z',
      '2030-03-04T15:30:00.000Z',
      '2030-03-04T16:00:00.000Z',
    ]);
  });

  it('skips closed dates and closed weekdays, and follows daylight saving time', () => {
    const slots = computeFreeSlots({
      businessHours: hours,
      timezone: tz,
      closedDates: ['2030-03-04'],
      durationMinutes: 120,
      from: new Date('2030-03-03T00:00:00Z'),
      to: new Date('2030-03-13T00:00:00Z'),
      busy: [],
    });
    // Monday 4th closed; Tuesday 5th 9-11 EST; Monday 11th and Tuesday 12th after the switch to EDT.
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      '2030-03-05T14:00:00.000Z',
      '2030-03-11T13:00:00.000Z',
      '2030-03-11T13:30:00.000Z',
      '2030-03-11T14:00:00.000Z',
      '2030-03-12T13:00:00.000Z',
    ]);
  });

  it('offers a real choice: different halves of the day or different days', () => {
    const slots = computeFreeSlots({
      businessHours: {
        mon: [{ open: '09:00', close: '17:00' }],
        tue: [{ open: '09:00', close: '17:00' }],
      },
      timezone: tz,
      closedDates: [],
      durationMinutes: 30,
      from: new Date('2030-03-04T13:00:00Z'),
      to: new Date('2030-03-06T05:00:00Z'),
      busy: [],
    });
    const offers = pickOffers(slots, tz).map((s) =>
      spokenTime(s.startsAt, tz, new Date('2030-03-04T13:00:00Z')),
    );
    expect(offers).toEqual(['today at 9 AM', 'today at 12 PM', 'tomorrow at 9 AM']);
  });

  it('converts wall-clock times across zones', () => {
    expect(zonedToUtc('2030-07-01', '09:30', 'Europe/Berlin').toISOString()).toBe(
      '2030-07-01T07:30:00.000Z',
    );
    expect(zonedToUtc('2030-01-01', '09:30', 'Asia/Kolkata').toISOString()).toBe(
      '2030-01-01T04:00:00.000Z',
    );
  });
});
