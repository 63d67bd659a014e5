// The calendar reconcile on the real Temporal server: our Cal.com bookings in Postgres against
// the Cal.com API v2 stand-in's, every kind of drift once, and the hourly Schedule.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { ensureCalendarReconcileSchedule } from '@receptionist/booking-client/calendar-reconcile-schedule';
import type { CalendarMismatches } from '@receptionist/booking-client/messages';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createCalendars } from '@receptionist/integrations/calendar';
import { createLogger } from '@receptionist/observability';
import { waitFor } from '@receptionist/testing';
import { createCalendarReconcileActivities } from '../src/activities/calendar-reconcile.activities.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
const reported: CalendarMismatches[] = [];
const scheduleId = `calendar-reconcile-test-${randomUUID()}`;

beforeAll(async () => {
  h = await startHarness('calendar-reconcile');
  const logger = createLogger({ service: 'reconcile-test', level: 'silent' });
  const breakers = createBreakerFactory({ registry: new Registry(), logger });
  await h.startWorker(
    createCalendarReconcileActivities({
      db: h.db.pool as never,
      logger,
      calendars: createCalendars({ db: h.db.pool as never, breakers, calcomBaseUrl: h.calcom.url }),
      onReconciled: (m) => reported.push(m),
    }),
  );
}, 60_000);

afterAll(async () => {
  await h.client.schedule
    .getHandle(scheduleId)
    .delete()
    .catch(() => undefined);
  await h?.close();
});

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR);

describe('calendar reconcile with Cal.com', () => {
  it('finds each kind of drift between our bookings and Cal.com’s', async () => {
    const tenant = await h.makeTenant({
      calendarProvider: 'calcom',
      calendarSettings: {
        slotMinutes: 30,
        apiKey: h.calcom.apiKey,
        eventTypeId: h.calcom.eventTypeId,
      },
    });
    const theirs = (uid: string, startH: number, status: 'accepted' | 'cancelled') =>
      h.calcom.bookings.set(uid, {
        uid,
        start: at(startH).toISOString(),
        end: new Date(at(startH).getTime() + 30 * 60_000).toISOString(),
        status,
        eventTypeId: h.calcom.eventTypeId,
        attendee: {},
        metadata: {},
      });
    const ours = async (uid: string, startH: number, status: 'confirmed' | 'cancelled') => {
      await h.db.pool.query(
        `INSERT INTO bookings (tenant_id, status, provider, external_id, starts_at, ends_at)
         VALUES ($1, $2, 'calcom', $3, $4, $4::timestamptz + interval '30 minutes')`,
        [tenant.id, status, uid, at(startH)],
      );
    };
    theirs('in-step', 24, 'accepted');
    await ours('in-step', 24, 'confirmed');
    theirs('cancelled-there', 26, 'cancelled');
    await ours('cancelled-there', 26, 'confirmed');
    theirs('moved-there', 29, 'accepted');
    await ours('moved-there', 28, 'confirmed');
    theirs('cancelled-here', 30, 'accepted');
    await ours('cancelled-here', 30, 'cancelled');
    theirs('only-there', 32, 'accepted');
    // Outside the window: not compared.
    theirs('far-away', 24 * 60, 'accepted');

    const result = await h.client.workflow.execute('calendarReconcileWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: `calendar-reconcile-${randomUUID()}`,
      args: [{ windowDays: 30 }],
    });
    const expected = { missingAtCalcom: 1, missingHere: 1, timeMismatch: 1, statusMismatch: 1 };
    expect(result).toMatchObject({ tenants: 1, ...expected });
    expect(reported.at(-1)).toEqual(expected);
  });

  it('runs hourly on a Temporal Schedule, created once', async () => {
    await ensureCalendarReconcileSchedule(h.client, h.taskQueue, scheduleId);
    await ensureCalendarReconcileSchedule(h.client, h.taskQueue, scheduleId);
    const handle = h.client.schedule.getHandle(scheduleId);
    expect((await handle.describe()).spec.intervals?.[0]?.every).toBe(HOUR);
    const before = reported.length;
    await handle.trigger();
    await waitFor(async () => reported.length > before, 20_000, 'the scheduled reconcile');
  });
});
