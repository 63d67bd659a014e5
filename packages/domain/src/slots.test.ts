import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  boundedStepMinutes,
  computeFreeSlots,
  MAX_SLOTS_PER_QUERY,
  isSlotOpen,
  localDateOf,
  localTimeOf,
  zonedTimeToUtc,
  type SlotRules,
} from './slots.ts';
import { renderBookingText } from './booking-texts.ts';

const iso = (slots: { startsAt: Date }[]) => slots.map((s) => s.startsAt.toISOString());
const weekdays9to5 = {
  mon: [{ open: '09:00', close: '17:00' }],
  tue: [{ open: '09:00', close: '17:00' }],
  wed: [{ open: '09:00', close: '17:00' }],
  thu: [{ open: '09:00', close: '17:00' }],
  fri: [{ open: '09:00', close: '17:00' }],
};

describe('zonedTimeToUtc', () => {
  it('converts wall-clock times on both sides of a DST change', () => {
    expect(zonedTimeToUtc('2026-03-07', '09:00', 'America/New_York').toISOString()).toBe(
      '2026-03-07T14:00:00.000Z',
    );
    expect(zonedTimeToUtc('2026-03-09', '09:00', 'America/New_York').toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    // Ambiguous 01:30 on the fall-back night: the first occurrence (EDT).
    expect(zonedTimeToUtc('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    // 02:30 does not exist on the spring-forward night: where the clocks land.
    expect(zonedTimeToUtc('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(zonedTimeToUtc('2026-06-01', '00:00', 'Asia/Kolkata').toISOString()).toBe(
      '2026-05-31T18:30:00.000Z',
    );
  });
});

describe('local wall clock', () => {
  it('reads the local date and time of an instant, and steps local dates across months', () => {
    const lateEvening = new Date('2026-03-01T03:30:00Z');
    expect(localDateOf(lateEvening, 'America/Los_Angeles')).toBe('2026-02-28');
    expect(localTimeOf(lateEvening, 'America/Los_Angeles')).toBe('19:30');
    expect(localTimeOf(lateEvening, 'Asia/Kolkata')).toBe('09:00');
    expect(addLocalDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addLocalDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('computeFreeSlots', () => {
  const rules: SlotRules = {
    timezone: 'Europe/Berlin',
    businessHours: { ...weekdays9to5, sat: [{ open: '10:00', close: '12:00' }] },
    slotMinutes: 60,
  };

  it('lists the slots of the opening hours in the tenant timezone', () => {
    const slots = computeFreeSlots(rules, {
      from: new Date('2026-06-06T00:00:00Z'), // a Saturday
      to: new Date('2026-06-08T00:00:00Z'),
      busy: [],
    });
    // Berlin is UTC+2 in summer; Sunday is closed.
    expect(iso(slots)).toEqual(['2026-06-06T08:00:00.000Z', '2026-06-06T09:00:00.000Z']);
  });

  it('keeps 09:00 local across the spring-forward change (Berlin, 2026-03-29)', () => {
    const slots = computeFreeSlots(
      { ...rules, businessHours: { fri: weekdays9to5.fri, mon: weekdays9to5.mon } },
      { from: new Date('2026-03-27T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z'), busy: [] },
    );
    expect(slots[0]!.startsAt.toISOString()).toBe('2026-03-27T08:00:00.000Z'); // CET
    expect(slots[8]!.startsAt.toISOString()).toBe('2026-03-30T07:00:00.000Z'); // CEST
    expect(slots).toHaveLength(16);
  });

  it('counts real hours on DST nights: three on fall-back, one on spring-forward', () => {
    const night = { timezone: 'America/New_York', slotMinutes: 60 };
    const fallBack = computeFreeSlots(
      { ...night, businessHours: { sun: [{ open: '01:00', close: '03:00' }] } },
      { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-02T00:00:00Z'), busy: [] },
    );
    expect(iso(fallBack)).toEqual([
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T07:00:00.000Z',
    ]);
    const springForward = computeFreeSlots(
      { ...night, businessHours: { sun: [{ open: '01:00', close: '03:00' }] } },
      { from: new Date('2026-03-08T00:00:00Z'), to: new Date('2026-03-09T00:00:00Z'), busy: [] },
    );
    expect(iso(springForward)).toEqual(['2026-03-08T06:00:00.000Z']);
  });

  it('skips closed dates, busy intervals with buffers, and the minimum notice', () => {
    const day = { from: new Date('2026-06-08T00:00:00Z'), to: new Date('2026-06-10T00:00:00Z') };
    const slots = computeFreeSlots(
      { ...rules, closedDates: ['2026-06-09'], bufferAfterMinutes: 15, minNoticeMinutes: 60 },
      {
        ...day,
        now: new Date('2026-06-08T07:30:00Z'), // 09:30 local: 10:00 is too soon, 11:00 is fine
        busy: [
          { startsAt: new Date('2026-06-08T11:00:00Z'), endsAt: new Date('2026-06-08T12:00:00Z') },
        ],
      },
    );
    // 13:00 local is busy; 12:00 and 14:00 local touch its 15-minute buffers.
    expect(iso(slots)).toEqual([
      '2026-06-08T09:00:00.000Z',
      '2026-06-08T13:00:00.000Z',
      '2026-06-08T14:00:00.000Z',
    ]);
  });

  it('steps slot starts independently of the length and never runs past closing', () => {
    const slots = computeFreeSlots(
      {
        ...rules,
        slotMinutes: 45,
        stepMinutes: 30,
        businessHours: { mon: [{ open: '09:00', close: '10:30' }] },
      },
      { from: new Date('2026-06-08T00:00:00Z'), to: new Date('2026-06-09T00:00:00Z'), busy: [] },
    );
    expect(iso(slots)).toEqual(['2026-06-08T07:00:00.000Z', '2026-06-08T07:30:00.000Z']);
  });

  it('caps the slots of one search and refuses a step that would crawl', () => {
    const allDay = Object.fromEntries(
      (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => [
        d,
        [{ open: '00:00', close: '23:59' }],
      ]),
    );
    const year = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };
    const wide = { ...rules, businessHours: allDay, slotMinutes: 5, stepMinutes: 5 };
    const slots = computeFreeSlots(wide, { ...year, busy: [] });
    expect(slots).toHaveLength(MAX_SLOTS_PER_QUERY);
    // The grid of the day opening at 23:00Z (midnight Berlin) is entered at the window's start.
    expect(slots[0]!.startsAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(computeFreeSlots(wide, { ...year, busy: [], limit: 3 })).toHaveLength(3);
    expect(() => computeFreeSlots({ ...wide, stepMinutes: 1 }, { ...year, busy: [] })).toThrow(
      RangeError,
    );
    expect(() => computeFreeSlots({ ...wide, stepMinutes: 7.5 }, { ...year, busy: [] })).toThrow(
      RangeError,
    );
  });

  it('starts the grid at opening time even when the notice falls between two steps', () => {
    const slots = computeFreeSlots(
      { ...rules, slotMinutes: 30, stepMinutes: 15, minNoticeMinutes: 30 },
      {
        from: new Date('2026-06-08T00:00:00Z'),
        to: new Date('2026-06-09T00:00:00Z'),
        now: new Date('2026-06-08T07:07:00Z'), // 09:07 local: 09:37 is the earliest start
        busy: [],
        limit: 2,
      },
    );
    expect(slots.map((s) => localTimeOf(s.startsAt, 'Europe/Berlin'))).toEqual(['09:45', '10:00']);
  });

  it("bounds a tenant's step setting to whole minutes between 5 and 240, 15 by default", () => {
    expect(boundedStepMinutes(undefined)).toBe(15);
    expect(boundedStepMinutes('abc')).toBe(15);
    expect(boundedStepMinutes(Number.NaN)).toBe(15);
    expect(boundedStepMinutes('30')).toBe(30);
    expect(boundedStepMinutes(1)).toBe(5);
    expect(boundedStepMinutes(10_000)).toBe(240);
    expect(boundedStepMinutes(12.4)).toBe(12);
  });

  it('checks one requested slot against the same rules', () => {
    const slot = {
      startsAt: new Date('2026-06-08T07:00:00Z'),
      endsAt: new Date('2026-06-08T08:00:00Z'),
    };
    expect(isSlotOpen(rules, slot, [])).toBe(true);
    expect(isSlotOpen(rules, slot, [slot])).toBe(false);
    expect(
      isSlotOpen(
        rules,
        { startsAt: new Date('2026-06-07T07:00:00Z'), endsAt: new Date('2026-06-07T08:00:00Z') },
        [],
      ),
    ).toBe(false); // Sunday
  });
});

describe('booking texts', () => {
  it('renders the time in the tenant timezone and language', () => {
    const base = {
      tenantName: 'Bright Smile',
      timezone: 'America/Los_Angeles',
      startsAt: new Date('2026-06-08T16:00:00Z'),
    };
    expect(renderBookingText('confirmed', { ...base, language: 'en-US' })).toBe(
      "Bright Smile: you're booked for Monday, June 8 at 9:00 AM PDT. See you then!",
    );
    const es = renderBookingText('cancelled', {
      ...base,
      language: 'es-ES',
      refundMinor: 2500,
      currency: 'EUR',
    });
    expect(es).toContain('lunes, 8 de junio');
    expect(es).toContain('9:00');
    expect(es).toContain('25,00');
    expect(
      renderBookingText('payment_link', {
        ...base,
        language: 'fr-FR',
        checkoutUrl: 'https://pay.example/x',
        depositMinor: 2000,
      }),
    ).toContain('https://pay.example/x');
  });
});

describe('local wall-clock time from the cached zone offsets', () => {
  const intl = (instant: number, timeZone: string) => {
    const f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(new Date(instant));
    const v = (t: string) => f.find((p) => p.type === t)!.value;
    return `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`;
  };
  it.each([
    ['America/New_York', '2030-03-10T00:00:00Z'],
    ['America/New_York', '2030-11-03T00:00:00Z'],
    ['Europe/London', '2030-03-31T00:00:00Z'],
    ['Australia/Adelaide', '2030-04-07T12:00:00Z'],
    ['Asia/Kathmandu', '2030-01-01T00:00:00Z'],
    ['Australia/Lord_Howe', '2030-04-06T12:00:00Z'],
  ])('agrees with Intl every 7 minutes around the transitions in %s', (zone, from) => {
    const start = Date.parse(from);
    for (let t = start; t < start + 36 * 3_600_000; t += 7 * 60_000 + 13_000) {
      const d = new Date(t);
      expect(`${localDateOf(d, zone)} ${localTimeOf(d, zone)}`).toBe(intl(t, zone));
    }
  });
});
