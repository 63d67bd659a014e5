import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import {
  createTenant,
  getBookingRecord,
  updateTenantBookingSettings,
  type Db,
} from '@receptionist/db';
import type { Tenant } from '@receptionist/domain';
import { createLogger } from '@receptionist/observability';
import {
  createTestDatabase,
  startCalcomStandIn,
  type CalcomStandIn,
  type TestDatabase,
} from '@receptionist/testing';
import { createBreakerFactory } from '../breaker.ts';
import {
  createCalendars,
  SlotTakenError,
  SlotUnavailableError,
  type Calendars,
} from './calendar.ts';

const allWeek = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
    d,
    [{ open: '08:00', close: '18:00' }],
  ]),
);

let tdb: TestDatabase;
let calcom: CalcomStandIn;
let calendars: Calendars;
let tenant: Tenant;
let calTenant: Tenant;

const hold = (t: Tenant, startsAt: Date, bookingId = randomUUID()) =>
  calendars.for(t).hold(t, {
    bookingId,
    workflowId: `booking-${bookingId}`,
    startsAt,
    attendee: { phone: '+14155550123', name: 'Ada' },
    status: 'held',
    holdExpiresAt: new Date(Date.now() + 15 * 60_000),
  });

beforeAll(async () => {
  tdb = await createTestDatabase();
  const slot = '2030-06-10T09:00:00.000Z';
  calcom = await startCalcomStandIn({
    offered: [slot, '2030-06-10T10:00:00.000Z'],
    lengthMinutes: 30,
  });
  calendars = createCalendars({
    db: tdb.pool as unknown as Db,
    breakers: createBreakerFactory({
      registry: new Registry(),
      logger: createLogger({ service: 't', level: 'silent' }),
    }),
    calcomBaseUrl: calcom.url,
    now: () => new Date('2030-06-01T00:00:00Z'),
  });
  const base = await createTenant(tdb.pool, {
    slug: 'cal-builtin',
    name: 'Builtin',
    timezone: 'Europe/Berlin',
    businessHours: allWeek,
  });
  tenant = (await updateTenantBookingSettings(tdb.pool, base.id, {
    calendarSettings: { slotMinutes: 60, bufferAfterMinutes: 30 },
  }))!;
  const cal = await createTenant(tdb.pool, {
    slug: 'cal-calcom',
    name: 'Calcom',
    timezone: 'UTC',
    businessHours: allWeek,
  });
  calTenant = (await updateTenantBookingSettings(tdb.pool, cal.id, {
    calendarProvider: 'calcom',
    calendarSettings: { apiKey: calcom.apiKey, eventTypeId: calcom.eventTypeId, slotMinutes: 30 },
  }))!;
});

afterAll(async () => {
  await calcom?.close();
  await tdb?.drop();
});

describe('built-in calendar', () => {
  it('lists free slots around existing bookings and their buffers', async () => {
    const day = { from: new Date('2030-06-11T06:00:00Z'), to: new Date('2030-06-11T16:00:00Z') };
    const before = await calendars.builtin.findFreeSlots(tenant, day);
    // 08:00–18:00 Berlin = 06:00–16:00Z: hour-long slots on the default 15-minute grid.
    expect(before).toHaveLength(37);
    expect(before.slice(0, 2).map((s) => s.startsAt.toISOString())).toEqual([
      '2030-06-11T06:00:00.000Z',
      '2030-06-11T06:15:00.000Z',
    ]);
    await hold(tenant, new Date('2030-06-11T09:00:00Z'));
    const after = (await calendars.builtin.findFreeSlots(tenant, day)).map((s) =>
      s.startsAt.toISOString(),
    );
    // 09:00–10:00 is taken and keeps 30 minutes clear after it: 07:45–10:15 starts would touch it.
    expect(after).toContain('2030-06-11T07:30:00.000Z');
    expect(after).not.toContain('2030-06-11T07:45:00.000Z');
    expect(after).not.toContain('2030-06-11T09:00:00.000Z');
    expect(after).not.toContain('2030-06-11T10:15:00.000Z');
    expect(after).toContain('2030-06-11T10:30:00.000Z');
    expect(after).toHaveLength(26);
  });

  it('keeps the buffers clear when holding or moving, not only when listing', async () => {
    // 30 minutes after each hour-long appointment: a hold off the listed grid must keep them too.
    const first = await hold(tenant, new Date('2030-06-14T09:00:00Z'));
    await expect(hold(tenant, new Date('2030-06-14T10:15:00Z'))).rejects.toBeInstanceOf(
      SlotTakenError,
    );
    await expect(hold(tenant, new Date('2030-06-14T07:45:00Z'))).rejects.toBeInstanceOf(
      SlotTakenError,
    );
    const later = await hold(tenant, new Date('2030-06-14T10:30:00Z'));
    // Moving the later one back into the first one's buffer is refused and leaves it where it was.
    await expect(
      calendars.builtin.reschedule(tenant, later.id, {
        startsAt: new Date('2030-06-14T10:10:00Z'),
      }),
    ).rejects.toBeInstanceOf(SlotTakenError);
    expect((await getBookingRecord(tdb.pool, tenant.id, later.id))?.startsAt).toEqual(
      new Date('2030-06-14T10:30:00Z'),
    );
    // A booking moving within its own buffer does not collide with itself.
    const moved = await calendars.builtin.reschedule(tenant, first.id, {
      startsAt: new Date('2030-06-14T08:45:00Z'),
    });
    expect(moved.startsAt).toEqual(new Date('2030-06-14T08:45:00Z'));
    // Once released, its buffer frees up too.
    await calendars.builtin.release(tenant, later.id);
    await hold(tenant, new Date('2030-06-14T10:15:00Z'));
  });

  it('refuses times outside opening hours', async () => {
    await expect(hold(tenant, new Date('2030-06-11T17:00:00Z'))).rejects.toBeInstanceOf(
      SlotUnavailableError,
    );
  });

  it('gives one slot to exactly one of 20 simultaneous callers', async () => {
    const startsAt = new Date('2030-06-12T08:00:00Z');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => hold(tenant, startsAt)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((r) => (r as PromiseRejectedResult).reason instanceof SlotTakenError)).toBe(
      true,
    );
    const { rows } = await tdb.pool.query(
      `SELECT count(*)::int AS n FROM bookings WHERE tenant_id = $1 AND starts_at = $2`,
      [tenant.id, startsAt],
    );
    expect(rows[0].n).toBe(1);
  });

  it('treats a retried hold of the same booking as the same hold', async () => {
    const id = randomUUID();
    const startsAt = new Date('2030-06-13T08:00:00Z');
    const a = await hold(tenant, startsAt, id);
    const b = await hold(tenant, startsAt, id);
    expect(b.id).toBe(a.id);
  });
});

describe('Cal.com calendar (API v2)', () => {
  it('finds, holds, confirms, moves and cancels a booking at Cal.com and in our records', async () => {
    const slots = await calendars.calcom.findFreeSlots(calTenant, {
      from: new Date('2030-06-10T00:00:00Z'),
      to: new Date('2030-06-11T00:00:00Z'),
    });
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      '2030-06-10T09:00:00.000Z',
      '2030-06-10T10:00:00.000Z',
    ]);
    const slotsReq = calcom.requests.find((r) => r.path.startsWith('/slots?'))!;
    expect(slotsReq.headers['cal-api-version']).toBe('2024-09-04');
    expect(slotsReq.headers.authorization).toBe(`Bearer ${calcom.apiKey}`);

    const held = await hold(calTenant, slots[0]!.startsAt);
    expect(held.holdReference).toBeTruthy();
    expect(calcom.reservations.get(held.holdReference!)?.slotStart).toBe(
      '2030-06-10T09:00:00.000Z',
    );

    const confirmed = await calendars.calcom.confirm(calTenant, held.id);
    expect(confirmed.status).toBe('confirmed');
    const remote = calcom.bookings.get(confirmed.externalId!)!;
    expect(remote.metadata).toEqual({ bookingId: held.id, tenantId: calTenant.id });
    expect(remote.attendee.phoneNumber).toBe('+14155550123');
    // Confirming again (a retried activity) does not create a second Cal.com booking.
    await calendars.calcom.confirm(calTenant, held.id);
    expect([...calcom.bookings.values()].filter((b) => b.status === 'accepted')).toHaveLength(1);

    const moved = await calendars.calcom.reschedule(calTenant, held.id, {
      startsAt: new Date('2030-06-10T10:00:00Z'),
    });
    expect(moved.startsAt.toISOString()).toBe('2030-06-10T10:00:00.000Z');
    expect(moved.externalId).not.toBe(confirmed.externalId);
    expect(calcom.bookings.get(moved.externalId!)?.status).toBe('accepted');
    expect(calcom.bookings.get(confirmed.externalId!)?.status).toBe('cancelled');

    const cancelled = await calendars.calcom.cancel(calTenant, held.id, { reason: 'caller asked' });
    expect(cancelled.status).toBe('cancelled');
    expect(calcom.bookings.get(moved.externalId!)?.status).toBe('cancelled');
    expect((await getBookingRecord(tdb.pool, calTenant.id, held.id))?.status).toBe('cancelled');
  });

  it('releases the reservation of a hold that is never confirmed', async () => {
    const held = await hold(calTenant, new Date('2030-06-10T09:00:00Z'));
    const released = await calendars.calcom.release(calTenant, held.id);
    expect(released?.status).toBe('cancelled');
    expect(calcom.reservations.get(held.holdReference!)?.released).toBe(true);
  });
});

describe('Cal.com create retried after a lost answer', () => {
  it('adopts the booking the first attempt made instead of creating a second', async () => {
    const slot = '2030-06-10T10:00:00.000Z';
    const held = await hold(calTenant, new Date(slot));
    calcom.faults.loseCreateAnswers = 1;
    await expect(calendars.calcom.confirm(calTenant, held.id)).rejects.toThrow();
    const confirmed = await calendars.calcom.confirm(calTenant, held.id);
    const ours = [...calcom.bookings.values()].filter((b) => b.metadata.bookingId === held.id);
    expect(ours).toHaveLength(1);
    expect(confirmed).toMatchObject({ status: 'confirmed', externalId: ours[0]!.uid });
  });
});
