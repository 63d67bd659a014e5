import { describe, expect, it } from 'vitest';
import { computeFreeSlots } from '@receptionist/domain';
import { pickOffers } from './slot-offers.ts';
import { spokenTime } from './spoken-time.ts';

const tz = 'America/New_York';
const NOW = new Date('2030-03-04T13:00:00Z'); // Monday 8:00 in New York

describe('slot offers', () => {
  it('offers a real choice: different halves of the day or different days', () => {
    const slots = computeFreeSlots(
      {
        timezone: tz,
        businessHours: {
          mon: [{ open: '09:00', close: '17:00' }],
          tue: [{ open: '09:00', close: '17:00' }],
        },
        slotMinutes: 30,
      },
      { from: NOW, to: new Date('2030-03-06T05:00:00Z'), busy: [], now: NOW },
    );
    const offers = pickOffers(slots, tz).map((s) => spokenTime(s.startsAt, tz, NOW));
    expect(offers).toEqual(['today at 9 AM', 'today at 12 PM', 'tomorrow at 9 AM']);
  });

  it('offers fewer when the calendar has fewer distinct half-days', () => {
    const slots = [9, 10, 11].map((h) => ({
      startsAt: new Date(`2030-03-05T${h + 5}:00:00Z`),
      endsAt: new Date(`2030-03-05T${h + 6}:00:00Z`),
    }));
    expect(pickOffers(slots, tz).map((s) => spokenTime(s.startsAt, tz, NOW))).toEqual([
      'tomorrow at 9 AM',
    ]);
  });
});

describe('spoken time', () => {
  it('says today, tomorrow, a weekday within the week, and the date beyond it', () => {
    const at = (iso: string) => spokenTime(new Date(iso), tz, NOW);
    expect(at('2030-03-04T19:30:00Z')).toBe('today at 2:30 PM');
    expect(at('2030-03-05T17:00:00Z')).toBe('tomorrow at 12 PM');
    expect(at('2030-03-07T14:00:00Z')).toBe('Thursday at 9 AM');
    // After the switch to daylight saving time, 9 AM is 13:00Z.
    expect(at('2030-03-11T13:00:00Z')).toBe('Monday, March 11 at 9 AM');
  });
});
