import { describe, expect, it } from 'vitest';
import {
  buildCalendar,
  dayKey,
  fillLine,
  insideOpeningHours,
  startsWithin,
  zonedInstant,
} from './clock.ts';

const TZ = 'America/New_York';
const HOURS = {
  mon: [{ open: '09:00', close: '17:00' }],
  tue: [{ open: '09:00', close: '17:00' }],
  wed: [{ open: '09:00', close: '17:00' }],
  thu: [{ open: '09:00', close: '17:00' }],
  fri: [{ open: '09:00', close: '17:00' }],
  sat: [{ open: '09:00', close: '13:00' }],
};
// Tuesday 1 December 2026, 16:45 in New York.
const TUESDAY_LATE = new Date('2026-12-01T21:45:00Z');

describe('the scenario calendar', () => {
  it('names the coming days, never today, and says "next" for a weekday named on itself', () => {
    const cal = buildCalendar(TUESDAY_LATE, TZ, HOURS);
    expect(dayKey(cal.days.nextWed[0]!)).toBe('2026-12-02');
    expect(dayKey(cal.days.nextTue[0]!)).toBe('2026-12-08');
    expect(dayKey(cal.days.nextSun[0]!)).toBe('2026-12-06');
    expect(fillLine('um {nextWed} at ten', cal)).toBe('um wednesday at ten');
    expect(fillLine('{nextTue} please', cal)).toBe('next tuesday please');
    expect(fillLine('{nextTue:fr} et {nextWed:es}', cal)).toBe('mardi prochain et el miércoles');
    expect(fillLine('{nextTue:es}', cal)).toBe('el próximo martes');
    expect(() => fillLine('{tomorrow}', cal)).toThrow(/unknown placeholder/);
  });

  it('"the 15th" is a weekday a week or more ahead; next week is next Monday\'s week', () => {
    const cal = buildCalendar(TUESDAY_LATE, TZ, HOURS);
    expect(dayKey(cal.days.dayOfMonthNextWeek[0]!)).toBe('2026-12-08');
    expect(fillLine('{dayOfMonthNextWeek}', cal)).toBe('the 8th');
    expect(fillLine('{dayOfMonthNextWeek:fr}', cal)).toBe('le 8');
    expect(cal.days.nextWeek.map(dayKey)).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
  });

  it('as soon as possible skips a day too late to book and a closed Sunday', () => {
    const friday = buildCalendar(new Date('2026-12-04T21:50:00Z'), TZ, HOURS);
    expect(friday.days.asap.map(dayKey)).toEqual(['2026-12-05', '2026-12-07', '2026-12-08']);
    const tuesdayMorning = buildCalendar(new Date('2026-12-01T14:00:00Z'), TZ, HOURS);
    expect(tuesdayMorning.days.asap.map(dayKey)[0]).toBe('2026-12-01');
  });

  it('reads starts in local time across a DST change, and opening hours per weekday', () => {
    const cal = buildCalendar(new Date('2027-03-12T15:00:00Z'), TZ, HOURS);
    // Monday 15 March 2027 is after the spring change: 10:00 is 14:00Z, not 15:00Z.
    const monday = cal.days.nextMon[0]!;
    expect(zonedInstant(monday, '10:00', TZ).toISOString()).toBe('2027-03-15T14:00:00.000Z');
    const ten = zonedInstant(monday, '10:00', TZ);
    expect(startsWithin(cal, ten, { day: 'nextMon', from: '09:30', to: '10:30' })).toBe(true);
    expect(startsWithin(cal, ten, { day: 'nextMon', from: '16:00' })).toBe(false);
    expect(startsWithin(cal, ten, { day: 'nextTue' })).toBe(false);
    const sat = cal.days.nextSat[0]!;
    const satNoon = zonedInstant(sat, '12:00', TZ);
    expect(insideOpeningHours(cal, satNoon, zonedInstant(sat, '13:00', TZ))).toBe(true);
    const satThree = zonedInstant(sat, '15:00', TZ);
    expect(insideOpeningHours(cal, satThree, zonedInstant(sat, '16:00', TZ))).toBe(false);
    const sun = cal.days.nextSun[0]!;
    expect(
      insideOpeningHours(cal, zonedInstant(sun, '10:00', TZ), zonedInstant(sun, '11:00', TZ)),
    ).toBe(false);
  });
});
