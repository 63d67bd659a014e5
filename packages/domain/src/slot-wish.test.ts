import { describe, expect, it } from 'vitest';
import { explainClosed, matchWish, ranksByTime, wishRange } from './slot-wish.ts';
import { computeFreeSlots, localDateOf, localTimeOf, type Interval } from './slots.ts';
import type { BusinessHours } from './tenant.ts';

const tz = 'America/New_York';
const NOW = new Date('2026-06-08T13:00:00Z'); // Monday 09:00 in New York
const hours: BusinessHours = {
  mon: [{ open: '09:00', close: '17:00' }],
  tue: [{ open: '09:00', close: '17:00' }],
  wed: [
    { open: '09:00', close: '12:00' },
    { open: '14:00', close: '18:00' },
  ],
  thu: [{ open: '09:00', close: '17:00' }],
  fri: [{ open: '09:00', close: '17:00' }],
  sat: [{ open: '09:00', close: '13:00' }],
};
const rules = { timezone: tz, businessHours: hours, slotMinutes: 30, stepMinutes: 15 };
const local = (slots: Interval[]) =>
  slots.map((s) => `${localDateOf(s.startsAt, tz)} ${localTimeOf(s.startsAt, tz)}`);
const freeOn = (date: string, busy: Interval[] = []) =>
  computeFreeSlots(rules, { ...wishRange({ date }, tz, NOW), busy, now: NOW });

describe('wishRange', () => {
  it('searches from now over the coming local days when no date was named', () => {
    const r = wishRange({ time: '10:00', approx: true }, tz, NOW);
    expect(r.from).toEqual(NOW);
    expect(r.to.toISOString()).toBe('2026-06-22T04:00:00.000Z'); // midnight after 14 days
    expect(wishRange({ earliest: true }, tz, NOW, 2).to.toISOString()).toBe(
      '2026-06-10T04:00:00.000Z',
    );
  });

  it('covers the named local day, or `days` days from it, never before now', () => {
    expect(wishRange({ date: '2026-06-11' }, tz, NOW)).toEqual({
      from: new Date('2026-06-11T04:00:00Z'),
      to: new Date('2026-06-12T04:00:00Z'),
    });
    expect(wishRange({ date: '2026-06-15', days: 7 }, tz, NOW).to.toISOString()).toBe(
      '2026-06-22T04:00:00.000Z',
    );
    expect(wishRange({ date: '2026-06-08' }, tz, NOW).from).toEqual(NOW); // today: from now
    const past = wishRange({ date: '2026-06-01' }, tz, NOW);
    expect(past.to.getTime()).toBe(past.from.getTime()); // a past day: nothing to search
  });

  it('spans the real length of a daylight-saving day', () => {
    const before = new Date('2026-03-01T12:00:00Z');
    const spring = wishRange({ date: '2026-03-08' }, tz, before);
    expect(spring.from.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(spring.to.toISOString()).toBe('2026-03-09T04:00:00.000Z'); // 23 hours
    const fall = wishRange({ date: '2026-11-01' }, 'Europe/Paris', before);
    expect(fall.to.getTime() - fall.from.getTime()).toBe(24 * 3_600_000); // Paris changed in October
    const paris = wishRange({ date: '2026-10-25' }, 'Europe/Paris', before);
    expect(paris.to.getTime() - paris.from.getTime()).toBe(25 * 3_600_000);
  });
});

describe('matchWish', () => {
  it('finds the exact time when it is free, ranking the nearest times first around it', () => {
    const slots = freeOn('2026-06-09', [
      { startsAt: new Date('2026-06-09T14:00:00Z'), endsAt: new Date('2026-06-09T14:30:00Z') },
    ]);
    // 10:00 local is busy: 10:30 and 09:30 are equally near (09:30 first), then 10:45 / 09:15.
    const m = matchWish(slots, { date: '2026-06-09', time: '10:00', approx: true }, tz);
    expect(m.exact).toBeUndefined();
    expect(local(m.ranked.slice(0, 4))).toEqual([
      '2026-06-09 09:30',
      '2026-06-09 10:30',
      '2026-06-09 09:15',
      '2026-06-09 10:45',
    ]);
    const free = matchWish(slots, { date: '2026-06-09', time: '14:30' }, tz);
    expect(local([free.exact!])).toEqual(['2026-06-09 14:30']);
    expect(free.ranked[0]).toBe(free.exact);
  });

  it('keeps to the window and the dates of the wish', () => {
    const slots = computeFreeSlots(rules, { ...wishRange({}, tz, NOW, 4), busy: [], now: NOW });
    const afternoon = matchWish(slots, { date: '2026-06-10', after: '12:00', before: '17:00' }, tz);
    // Wednesday closes 12:00–14:00; a 16:45 start is still "before 5".
    expect(local(afternoon.ranked).at(0)).toBe('2026-06-10 14:00');
    expect(local(afternoon.ranked).at(-1)).toBe('2026-06-10 16:45');
    expect(afternoon.ranked).toHaveLength(12);
    const after4 = matchWish(slots, { after: '16:00' }, tz);
    expect(new Set(local(after4.ranked).map((s) => s.slice(11)))).toEqual(
      new Set(['16:00', '16:15', '16:30', '16:45', '17:00', '17:15', '17:30']),
    );
    expect(local(after4.ranked)[0]).toBe('2026-06-08 16:00'); // in time order
  });

  it('ranks nearest the time across days, the earlier day first among equals', () => {
    const slots = computeFreeSlots(rules, { ...wishRange({}, tz, NOW, 3), busy: [], now: NOW });
    const m = matchWish(slots, { time: '15:00', approx: true }, tz);
    expect(local(m.ranked.slice(0, 5))).toEqual([
      '2026-06-08 15:00',
      '2026-06-09 15:00',
      '2026-06-10 15:00',
      '2026-06-08 14:45',
      '2026-06-08 15:15',
    ]);
    expect(local([m.exact!])).toEqual(['2026-06-08 15:00']);
  });

  it('orders in time for "earliest" or without a time', () => {
    const slots = freeOn('2026-06-09').reverse();
    expect(local(matchWish(slots, { earliest: true }, tz).ranked.slice(0, 2))).toEqual([
      '2026-06-09 09:00',
      '2026-06-09 09:15',
    ]);
    expect(local(matchWish(slots, { date: '2026-06-09' }, tz).ranked).at(-1)).toBe(
      '2026-06-09 16:30',
    );
    expect(ranksByTime({ time: '10:00', earliest: true })).toBe(false);
    expect(ranksByTime({ time: '10:00' })).toBe(true);
  });

  it('reads a window past midnight as wrapping round', () => {
    const late = { ...rules, businessHours: { mon: [{ open: '00:00', close: '23:59' }] } };
    const slots = computeFreeSlots(late, {
      ...wishRange({ date: '2026-06-08' }, tz, new Date('2026-06-08T04:00:00Z')),
      busy: [],
    });
    const m = matchWish(slots, { after: '23:00', before: '01:00' }, tz);
    expect(local(m.ranked)).toEqual([
      '2026-06-08 00:00',
      '2026-06-08 00:15',
      '2026-06-08 00:30',
      '2026-06-08 00:45',
      '2026-06-08 23:00',
      '2026-06-08 23:15',
    ]);
  });
});

describe('explainClosed', () => {
  const shop = { timezone: tz, businessHours: hours, closedDates: ['2026-06-12'] };

  it('says when a wished time is after closing, before opening or in a break', () => {
    expect(explainClosed(shop, '2026-06-13', '15:00')).toEqual({
      kind: 'after_closing',
      weekday: 'sat',
      closes: '13:00',
      nextOpenDate: '2026-06-15',
      opens: '09:00',
    });
    expect(explainClosed(shop, '2026-06-09', '07:30')).toEqual({
      kind: 'before_opening',
      weekday: 'tue',
      opens: '09:00',
      closes: '17:00',
    });
    expect(explainClosed(shop, '2026-06-10', '12:30')).toMatchObject({
      kind: 'before_opening',
      opens: '14:00',
      closes: '18:00',
    });
    expect(explainClosed(shop, '2026-06-09', '17:00')?.kind).toBe('after_closing');
    // Knowing the length, a 12:45 start cannot fit an hour before 13:00.
    expect(explainClosed({ ...shop, slotMinutes: 60 }, '2026-06-13', '12:45')?.kind).toBe(
      'after_closing',
    );
  });

  it('says when the whole day is closed and when it opens next', () => {
    expect(explainClosed(shop, '2026-06-14')).toEqual({
      kind: 'closed_day',
      weekday: 'sun',
      nextOpenDate: '2026-06-15',
      opens: '09:00',
    });
    expect(explainClosed(shop, '2026-06-12', '10:00')).toEqual({
      kind: 'closed_date',
      weekday: 'fri',
      nextOpenDate: '2026-06-13',
      opens: '09:00',
    });
    expect(explainClosed({ timezone: tz, businessHours: {} }, '2026-06-14')).toEqual({
      kind: 'closed_day',
      weekday: 'sun',
    });
  });

  it('is null when the business is open then', () => {
    expect(explainClosed(shop, '2026-06-13', '12:30')).toBeNull();
    expect(explainClosed(shop, '2026-06-13')).toBeNull();
    expect(explainClosed(shop, '2026-06-10', '14:00')).toBeNull();
  });
});
