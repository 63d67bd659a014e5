import { describe, expect, it } from 'vitest';
import { computeFreeSlots, localTimeOf, type Tenant } from '@receptionist/domain';
import { slotRulesFor } from './builtin-calendar.ts';

const tenant = (calendarSettings: Record<string, unknown>): Tenant =>
  ({
    timezone: 'America/Chicago',
    businessHours: { mon: [{ open: '09:00', close: '12:00' }] },
    closedDates: [],
    services: [{ name: 'Cut', durationMinutes: 45 }],
    calendarSettings,
  }) as unknown as Tenant;

describe('built-in calendar rules', () => {
  it('steps slots every 15 minutes unless the tenant set a step, whatever the length', () => {
    expect(slotRulesFor(tenant({ slotMinutes: 60 }))).toMatchObject({
      slotMinutes: 60,
      stepMinutes: 15,
    });
    expect(slotRulesFor(tenant({}), 'Cut')).toMatchObject({ slotMinutes: 45, stepMinutes: 15 });
    expect(slotRulesFor(tenant({ stepMinutes: 30 })).stepMinutes).toBe(30);
    // A stored setting outside 5..240 whole minutes is not acted on: the default applies.
    expect(slotRulesFor(tenant({ stepMinutes: 0 })).stepMinutes).toBe(15);
    expect(slotRulesFor(tenant({ stepMinutes: 100_000 })).stepMinutes).toBe(15);
    expect(slotRulesFor(tenant({ stepMinutes: 1e-6 })).stepMinutes).toBe(15);
    expect(slotRulesFor(tenant({ stepMinutes: 'often' })).stepMinutes).toBe(15);
  });

  it('falls back to defaults for every invalid stored setting, keeping the valid ones', () => {
    const rules = slotRulesFor(
      tenant({
        slotMinutes: 1e-6,
        bufferBeforeMinutes: -5,
        bufferAfterMinutes: 10,
        minNoticeMinutes: 1e12,
      }),
    );
    expect(rules).toMatchObject({ slotMinutes: 30, stepMinutes: 15, bufferAfterMinutes: 10 });
    expect(rules.bufferBeforeMinutes).toBeUndefined();
    expect(rules.minNoticeMinutes).toBeUndefined();
  });

  it('offers 10:30 on an empty morning with hour-long appointments, buffers kept', () => {
    const rules = slotRulesFor(tenant({ slotMinutes: 60, bufferAfterMinutes: 15 }));
    const day = { from: new Date('2030-03-04T15:00:00Z'), to: new Date('2030-03-04T18:00:00Z') };
    const starts = (busy: { startsAt: Date; endsAt: Date }[]) =>
      computeFreeSlots(rules, { ...day, busy }).map((s) =>
        localTimeOf(s.startsAt, 'America/Chicago'),
      );
    expect(starts([])).toEqual([
      '09:00',
      '09:15',
      '09:30',
      '09:45',
      '10:00',
      '10:15',
      '10:30',
      '10:45',
      '11:00',
    ]);
    // 09:00–10:00 taken, 15 minutes kept clear after it (and after each new one).
    const booked = [
      { startsAt: new Date('2030-03-04T15:00:00Z'), endsAt: new Date('2030-03-04T16:00:00Z') },
    ];
    expect(starts(booked)).toEqual(['10:15', '10:30', '10:45', '11:00']);
  });
});
