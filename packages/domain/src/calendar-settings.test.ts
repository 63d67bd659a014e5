import { describe, expect, it } from 'vitest';
import { calendarSettingsSchema, readCalendarSettings } from './calendar-settings.ts';
import {
  computeFreeSlots,
  MAX_CANDIDATES_PER_QUERY,
  MAX_SLOTS_PER_QUERY,
  type SlotRules,
} from './slots.ts';

const allWeek = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
    d,
    [{ open: '00:00', close: '23:59' }],
  ]),
);

describe('calendar settings schema', () => {
  it('accepts bounded whole numbers and the Cal.com pair', () => {
    const ok = {
      apiKey: 'cal_live_x',
      eventTypeId: 42,
      slotMinutes: 45,
      stepMinutes: 15,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 240,
      minNoticeMinutes: 43_200,
    };
    expect(calendarSettingsSchema.parse(ok)).toEqual(ok);
    expect(calendarSettingsSchema.parse({})).toEqual({});
  });

  it.each([
    { stepMinutes: 1e-6 },
    { stepMinutes: 4 },
    { stepMinutes: 241 },
    { stepMinutes: 15.5 },
    { stepMinutes: '15' },
    { slotMinutes: 0 },
    { bufferBeforeMinutes: -1 },
    { bufferAfterMinutes: 1e9 },
    { minNoticeMinutes: 43_201 },
    { eventTypeId: 0 },
    { apiKey: '' },
    { somethingElse: true },
  ])('refuses %o', (bad) => {
    expect(calendarSettingsSchema.safeParse(bad).success).toBe(false);
  });

  it('reads stored values field by field: invalid ones dropped, valid ones kept', () => {
    expect(
      readCalendarSettings({
        apiKey: 'cal_live_x',
        eventTypeId: '77',
        stepMinutes: 1e-6,
        slotMinutes: 60,
        minNoticeMinutes: Infinity,
        junk: 'x',
      }),
    ).toEqual({ apiKey: 'cal_live_x', eventTypeId: 77, slotMinutes: 60 });
    expect(readCalendarSettings(null)).toEqual({});
    expect(readCalendarSettings([1, 2])).toEqual({});
  });
});

describe('slot search caps', () => {
  const rules: SlotRules = {
    timezone: 'UTC',
    businessHours: allWeek,
    slotMinutes: 5,
    stepMinutes: 5,
  };
  const from = new Date('2030-01-01T00:00:00Z');

  it('returns at most MAX_SLOTS_PER_QUERY slots over a ten-year window', () => {
    const to = new Date('2040-01-01T00:00:00Z');
    const started = performance.now();
    const slots = computeFreeSlots(rules, { from, to, busy: [] });
    console.log(
      `ten-year window on a 5-minute grid: ${slots.length} slots in ${(performance.now() - started).toFixed(1)} ms`,
    );
    expect(slots).toHaveLength(MAX_SLOTS_PER_QUERY);
  });

  it('stops after MAX_CANDIDATES_PER_QUERY grid points on a fully booked calendar', () => {
    const to = new Date('2040-01-01T00:00:00Z');
    const busy = [{ startsAt: from, endsAt: to }];
    const started = performance.now();
    const slots = computeFreeSlots(rules, { from, to, busy });
    const ms = performance.now() - started;
    console.log(
      `fully booked ten-year window: ${MAX_CANDIDATES_PER_QUERY} points in ${ms.toFixed(1)} ms`,
    );
    expect(slots).toEqual([]);
    expect(ms).toBeLessThan(2_000);
  });

  it('refuses a fractional step outright', () => {
    expect(() =>
      computeFreeSlots({ ...rules, stepMinutes: 1e-6 }, { from, to: from, busy: [] }),
    ).toThrow(RangeError);
  });
});
