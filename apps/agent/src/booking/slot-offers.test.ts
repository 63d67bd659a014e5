import { describe, expect, it } from 'vitest';
import { computeFreeSlots, matchWish, wishRange, type Wish } from '@receptionist/domain';
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

describe('slot offers for a wish', () => {
  // Monday and Tuesday 9–5, 30-minute appointments on the 15-minute grid.
  const rules = {
    timezone: tz,
    businessHours: {
      mon: [{ open: '09:00', close: '17:00' }],
      tue: [{ open: '09:00', close: '17:00' }],
    },
    slotMinutes: 30,
    stepMinutes: 15,
  };
  const busyAt = (...local: string[]) =>
    local.map((hm) => {
      const startsAt = new Date(`2030-03-05T${hm}:00-05:00`);
      return { startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000) };
    });
  const offer = (wish: Wish, busy = busyAt(), count = 3) => {
    const slots = computeFreeSlots(rules, { ...wishRange(wish, tz, NOW), busy, now: NOW });
    return pickOffers(matchWish(slots, wish, tz).ranked, tz, count, { wish }).map((s) =>
      spokenTime(s.startsAt, tz, NOW),
    );
  };
  const tomorrow = '2030-03-05';

  it('offers the wished time and its neighbours on the half hour, not 9:45 or 10:15', () => {
    expect(offer({ date: tomorrow, time: '10:00', approx: true })).toEqual([
      'tomorrow at 10 AM',
      'tomorrow at 9:30 AM',
      'tomorrow at 10:30 AM',
    ]);
    expect(offer({ date: tomorrow, time: '14:30' }, busyAt('14:30'), 2)).toEqual([
      'tomorrow at 2 PM',
      'tomorrow at 3 PM',
    ]);
  });

  it('goes off the half hour only when nothing on it is free near the wished time', () => {
    const at = (...local: string[]) =>
      local.map((hm) => {
        const startsAt = new Date(`2030-03-05T${hm}:00-05:00`);
        return { startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000) };
      });
    const around10 = { date: tomorrow, time: '10:00', approx: true };
    const picked = (slots: ReturnType<typeof at>, count = 2) =>
      pickOffers(matchWish(slots, around10, tz).ranked, tz, count, { wish: around10 }).map((s) =>
        spokenTime(s.startsAt, tz, NOW),
      );
    // 9:45 and 10:15 are nearest, but 9 and 11 are on the hour and not much further.
    expect(picked(at('09:00', '09:45', '10:15', '11:00', '16:00'))).toEqual([
      'tomorrow at 9 AM',
      'tomorrow at 11 AM',
    ]);
    // Nothing on the half hour near ten: 9:45 rather than the afternoon.
    expect(picked(at('09:45', '10:15', '12:30', '16:00'), 3)).toEqual([
      'tomorrow at 9:45 AM',
      'tomorrow at 10:15 AM',
      'tomorrow at 12:30 PM',
    ]);
  });

  it('gives the time asked for, even off the half hour, and nothing within 30 minutes of it', () => {
    expect(offer({ date: tomorrow, time: '09:15' })).toEqual([
      'tomorrow at 9:15 AM',
      'tomorrow at 10 AM',
      'tomorrow at 10:30 AM',
    ]);
  });

  it('takes the ranking time and the round preference as options too', () => {
    const at = (...local: string[]) =>
      local.map((hm) => {
        const startsAt = new Date(`2030-03-05T${hm}:00-05:00`);
        return { startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000) };
      });
    const say = (slots: ReturnType<typeof at>) => slots.map((s) => spokenTime(s.startsAt, tz, NOW));
    const slots = matchWish(at('09:00', '09:45', '10:15', '11:00'), { time: '10:00' }, tz).ranked;
    expect(say(pickOffers(slots, tz, 2, { near: '10:00' }))).toEqual([
      'tomorrow at 9 AM',
      'tomorrow at 11 AM',
    ]);
    expect(say(pickOffers(slots, tz, 2, { near: '10:00', preferRound: false }))).toEqual([
      'tomorrow at 9:45 AM',
      'tomorrow at 10:15 AM',
    ]);
    // Without a time to rank by: one per half-day, the round start of each.
    expect(say(pickOffers(at('09:15', '09:30', '12:15', '13:00'), tz))).toEqual([
      'tomorrow at 9:30 AM',
      'tomorrow at 1 PM',
    ]);
  });

  it('spreads offers across a wished window and gives the earliest first', () => {
    expect(offer({ date: tomorrow, after: '12:00', before: '17:00' })).toEqual([
      'tomorrow at 12 PM',
      'tomorrow at 1 PM',
      'tomorrow at 2 PM',
    ]);
    expect(offer({ earliest: true })).toEqual([
      'today at 9 AM',
      'today at 12 PM',
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
