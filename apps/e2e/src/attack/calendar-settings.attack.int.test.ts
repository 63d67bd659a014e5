// Finding 4: calendarSettings accepted any JSON, and a stepMinutes of 1e-6 made the slot loop
// turn about a billion times per opening interval. The admin API (the real backend process) now
// refuses it with details; a value stored before (or by hand) is not acted on by the calendar,
// and no slot search examines more than its cap, whatever the window.
import { beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { getTenant, updateTenantBookingSettings } from '@receptionist/db';
import { MAX_CANDIDATES_PER_QUERY, MAX_SLOTS_PER_QUERY, localTimeOf } from '@receptionist/domain';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createCalendars } from '@receptionist/integrations/calendar';
import { createLogger } from '@receptionist/observability';
import { useBackendProcess } from '../../test/backend-process.ts';

let tenant: { tenantId: string; authorization: string };

const backend = useBackendProcess();
beforeAll(async () => {
  tenant = await backend.tenantAdmin();
}, 60_000);

const patch = (calendarSettings: unknown) =>
  backend.admin('PATCH', `/tenants/${tenant.tenantId}`, tenant.authorization, {
    calendarSettings,
  });

describe('attack: calendar settings that make the slot search run away', () => {
  it('refuses stepMinutes 1e-6 and every other unbounded setting with 400 and the field', async () => {
    const res = await patch({ stepMinutes: 1e-6 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(res.body.error)).toContain('stepMinutes');
    for (const bad of [
      { stepMinutes: 4 },
      { stepMinutes: 241 },
      { stepMinutes: '15' },
      { slotMinutes: 0.5 },
      { bufferBeforeMinutes: -1 },
      { bufferAfterMinutes: 1e9 },
      { minNoticeMinutes: 43_201 },
      { eventTypeId: -3 },
      { loopForever: true },
    ]) {
      const r = await patch(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(r.body.error), JSON.stringify(bad)).toContain(Object.keys(bad)[0]!);
    }
    const stored = await getTenant(backend.db, tenant.tenantId);
    expect(stored?.calendarSettings).toEqual({});
    const ok = await patch({ stepMinutes: 30, slotMinutes: 60, minNoticeMinutes: 120 });
    expect(ok.status).toBe(200);
  });

  it('ignores a stored stepMinutes of 1e-6 and caps a year-long search', async () => {
    // Written straight to the row, as data from before the schema would be.
    await updateTenantBookingSettings(backend.db, tenant.tenantId, {
      calendarSettings: { stepMinutes: 1e-6, slotMinutes: 1e-6, bufferAfterMinutes: 1e12 },
    });
    await backend.db.query(
      `UPDATE tenants SET business_hours = $2, timezone = 'UTC' WHERE id = $1`,
      [
        tenant.tenantId,
        JSON.stringify(
          Object.fromEntries(
            ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
              d,
              [{ open: '00:00', close: '23:59' }],
            ]),
          ),
        ),
      ],
    );
    const t = (await getTenant(backend.db, tenant.tenantId))!;
    const logger = createLogger({ service: 'attack', level: 'silent' });
    const calendars = createCalendars({
      db: backend.db,
      breakers: createBreakerFactory({ registry: new Registry(), logger }),
      calcomBaseUrl: 'http://127.0.0.1:9',
      now: () => new Date('2031-01-01T00:00:00Z'),
    });
    const started = performance.now();
    const slots = await calendars.for(t).findFreeSlots(t, {
      from: new Date('2031-01-01T00:00:00Z'),
      to: new Date('2032-01-01T00:00:00Z'),
    });
    const ms = performance.now() - started;
    console.log(
      `year-long search with stepMinutes 1e-6 stored: ${slots.length} slots in ${ms.toFixed(0)} ms`,
    );
    expect(slots).toHaveLength(MAX_SLOTS_PER_QUERY);
    // The defaults: 30-minute appointments on a 15-minute grid.
    expect(slots.slice(0, 3).map((s) => localTimeOf(s.startsAt, 'UTC'))).toEqual([
      '00:00',
      '00:15',
      '00:30',
    ]);
    expect(slots[0]!.endsAt.getTime() - slots[0]!.startsAt.getTime()).toBe(30 * 60_000);
    expect(ms).toBeLessThan(5_000);
    expect(MAX_CANDIDATES_PER_QUERY).toBeLessThanOrEqual(20_000);
  });
});
