// From the caller's words to the freed slot: a caller who wants a day that is full joins its
// waitlist through the agent (its production booking gateway, on the real booking workflow), a
// cancellation on that day texts them the offer, and their YES books the slot once.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentRuntime } from '@receptionist/agent/runtime';
import { createApp } from '@receptionist/agent/app';
import {
  waitlistOfferQuery,
  waitlistOfferWorkflowId,
  waitlistReplySignal,
} from '@receptionist/booking-client/messages';
import { loadAgentConfig } from '@receptionist/config';
import type { Db } from '@receptionist/db';
import {
  addLocalDays,
  localDateOf,
  weekdayOf,
  zonedTimeToUtc,
  type TurnResponse,
} from '@receptionist/domain';
import { createLogger, createMetrics } from '@receptionist/observability';
import { createTestRedis, waitFor, type TestRedis } from '@receptionist/testing';
import { startHarness, waitForPhase, type Harness } from '@receptionist/worker/test-harness';
import { harnessBookingGateway } from '../test/harness-gateway.ts';

let h: Harness;
let redis: TestRedis;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  h = await startHarness('waitlist-join');
  await h.startWorker();
  redis = await createTestRedis();
  const logger = createLogger({ service: 'agent', level: 'silent' });
  const metrics = createMetrics('agent');
  const db = h.db.pool as unknown as Db;
  const config = loadAgentConfig({
    DATABASE_URL: h.db.url,
    REDIS_URL: redis.url,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  });
  const runtime = await createAgentRuntime({
    config,
    logger,
    metrics,
    db,
    redis: redis.client,
    bookings: harnessBookingGateway(h),
    paymentsAvailable: false,
  });
  app = createApp({
    config,
    logger,
    metrics,
    db,
    redis: redis.client,
    temporalHealth: async () => undefined,
    turns: runtime.turns,
  });
}, 120_000);

afterAll(async () => {
  await redis?.cleanup();
  await h?.close();
});

const WEEKDAY_NAMES = {
  mon: 'monday',
  tue: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  fri: 'friday',
  sat: 'saturday',
  sun: 'sunday',
} as const;

/** A business open one half hour on a day four days ahead (booked up here), and two hours the day after. */
async function businessWithAFullDay() {
  const probe = await h.makeTenant();
  const day = addLocalDays(localDateOf(new Date(), probe.timezone), 4);
  const next = addLocalDays(day, 1);
  const tenant = await h.makeTenant({
    timezone: probe.timezone,
    businessHours: {
      [weekdayOf(day)]: [{ open: '10:00', close: '10:30' }],
      [weekdayOf(next)]: [{ open: '10:00', close: '12:00' }],
    },
  });
  await h.db.pool.query(`UPDATE tenants SET services = $2::jsonb WHERE id = $1`, [
    tenant.id,
    JSON.stringify([{ name: 'Cleaning', durationMinutes: 30 }]),
  ]);
  const startsAt = zonedTimeToUtc(day, '10:00', tenant.timezone);
  const { bookingId } = await h.bookings.startBooking({
    tenantId: tenant.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    contactPhone: h.phone(),
    service: 'Cleaning',
  });
  await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
  return { tenant, day, startsAt, bookingId, dayName: WEEKDAY_NAMES[weekdayOf(day)] };
}

/** The day's waitlist, first come first. */
async function waitlistOf(tenantId: string, day: string) {
  const { rows } = await h.db.pool.query(
    `SELECT id, phone, status, service FROM waitlist_entries
      WHERE tenant_id = $1 AND day = $2 ORDER BY created_at, id`,
    [tenantId, day],
  );
  return rows as { id: string; phone: string; status: string; service: string }[];
}

function caller(tenantId: string, phone: string) {
  const conversationId = `CA${randomUUID().replaceAll('-', '')}`;
  return async (text: string) => {
    const res = await request(app)
      .post('/v1/turns')
      .send({ tenantId, conversationId, channel: 'voice', text, callerPhone: phone });
    expect(res.status).toBe(200);
    return res.body as TurnResponse;
  };
}

describe('a caller joins the waitlist of a full day', () => {
  it('in their own words; a cancellation texts them the slot and their YES books it once', async () => {
    const { tenant, day, startsAt, bookingId, dayName } = await businessWithAFullDay();
    const phone = h.phone();
    const say = caller(tenant.id, phone);

    const asked = await say(`hi do you have anything ${dayName} for a cleaning`);
    expect(asked.reply).toMatch(/fully booked/i);
    expect(asked.reply).toMatch(/waitlist/i);
    expect(await waitlistOf(tenant.id, day)).toEqual([]);

    const joined = await say('yeah put me on the list');
    expect(joined.reply).toMatch(/you're on the waitlist/i);
    const waiting = await waitlistOf(tenant.id, day);
    expect(waiting.map((w) => [w.phone, w.status, w.service])).toEqual([
      [phone, 'waiting', 'Cleaning'],
    ]);

    // A second caller joins the same day's list behind them.
    const second = h.phone();
    const other = caller(tenant.id, second);
    await other(`can you put me on the waitlist for ${dayName}`);
    expect((await waitlistOf(tenant.id, day)).map((w) => w.phone)).toEqual([phone, second]);

    await h.bookings.cancelBooking(tenant.id, bookingId, 'caller asked');
    const workflowId = waitlistOfferWorkflowId(tenant.id, 'default', startsAt.toISOString());
    const handle = h.client.workflow.getHandle(workflowId);
    await waitFor(async () => {
      try {
        return (await handle.query(waitlistOfferQuery)).offeredEntryId === waiting[0]!.id;
      } catch {
        return false;
      }
    }, 30_000);
    const offers = (await h.texts(tenant.id)).filter((t) => t.purpose === 'waitlist_offer');
    expect(offers.map((t) => t.to)).toEqual([phone]);
    expect(offers[0]!.body).toMatch(/Reply YES within 15 minutes/);

    // The texter answers YES twice (a retried webhook); the second caller's YES is not theirs.
    const yes = (entryId: string) =>
      handle.signal(waitlistReplySignal, {
        tenantId: tenant.id,
        entryId,
        messageSid: `SM${randomUUID()}`,
      });
    const entries = await waitlistOf(tenant.id, day);
    await Promise.all([
      yes(waiting[0]!.id),
      yes(waiting[0]!.id),
      yes(entries.find((e) => e.phone === second)!.id),
    ]);
    const view = await handle.result();
    expect(view.outcome).toBe('booked');
    await waitForPhase(h, tenant.id, view.bookingId!, ['confirmed']);
    const { rows } = await h.db.pool.query(
      `SELECT c.phone FROM bookings b JOIN contacts c ON c.id = b.contact_id
        WHERE b.tenant_id = $1 AND b.starts_at = $2 AND b.status = 'confirmed'`,
      [tenant.id, startsAt],
    );
    expect(rows).toEqual([{ phone }]);
  }, 120_000);
});
