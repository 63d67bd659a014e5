import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@receptionist/testing';
import {
  assignPhoneNumber,
  createCallIdempotent,
  createTenant,
  findTenantByPhoneNumber,
  getBooking,
  getCall,
  getContact,
  insertBooking,
  listBookings,
  migrate,
  recordWebhookEvent,
  seedDemoTenant,
  setBookingStatus,
  SlotTakenError,
  upsertContactByPhone,
} from './index.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

describe('migrations', () => {
  it('apply from an empty database, re-run as a no-op, and go down and up again', async () => {
    const admin = new pg.Client({ connectionString: tdb.url });
    await admin.connect();
    const name = `m_${Date.now().toString(36)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(tdb.url);
    url.pathname = `/${name}`;
    try {
      const first = await migrate(url.toString());
      expect(first.length).toBeGreaterThan(0);
      expect(await migrate(url.toString())).toEqual([]);
      const down = await migrate(url.toString(), { direction: 'down', count: first.length });
      expect(down).toEqual([...first].reverse());
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      const tables = await c.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'tenants'`,
      );
      await c.end();
      expect(tables.rows[0].n).toBe(0);
      expect(await migrate(url.toString())).toEqual(first);
    } finally {
      const a = new pg.Client({ connectionString: tdb.url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    }
  });
});

describe('tenant scoping', () => {
  it("never returns tenant B's booking, call or contact under tenant A's scope", async () => {
    const a = await createTenant(tdb.pool, { slug: 'tenant-a', name: 'A' });
    const b = await createTenant(tdb.pool, { slug: 'tenant-b', name: 'B' });
    const contactB = await upsertContactByPhone(tdb.pool, b.id, '+15550001111');
    const { call: callB } = await createCallIdempotent(tdb.pool, b.id, {
      callSid: 'CA-scope-b',
      fromNumber: '+15550001111',
      toNumber: '+15550009999',
    });
    const bookingB = await insertBooking(tdb.pool, b.id, {
      status: 'confirmed',
      startsAt: new Date('2026-12-01T15:00:00Z'),
      endsAt: new Date('2026-12-01T16:00:00Z'),
      contactId: contactB.id,
    });
    expect(await getContact(tdb.pool, b.id, contactB.id)).not.toBeNull();
    expect(await getContact(tdb.pool, a.id, contactB.id)).toBeNull();
    expect(await getCall(tdb.pool, a.id, callB.id)).toBeNull();
    expect(await getBooking(tdb.pool, a.id, bookingB.id)).toBeNull();
    expect((await listBookings(tdb.pool, a.id, { limit: 50 })).items).toEqual([]);
    expect((await listBookings(tdb.pool, b.id, { limit: 50 })).items.map((x) => x.id)).toEqual([
      bookingB.id,
    ]);
    await expect(
      createCallIdempotent(tdb.pool, a.id, {
        callSid: 'CA-scope-b',
        fromNumber: '+1',
        toNumber: '+1',
      }),
    ).rejects.toThrow(/another tenant/);
  });

  it('counts an incoming call answered when it arrives, an outbound one only when picked up', async () => {
    const t = await createTenant(tdb.pool, { slug: 'answered', name: 'Answered' });
    const { call: incoming } = await createCallIdempotent(tdb.pool, t.id, {
      callSid: 'CA-answered-in',
      fromNumber: '+14155550111',
      toNumber: '+14155550100',
    });
    expect(incoming.answeredAt).toBeInstanceOf(Date);
    const { call: outbound } = await createCallIdempotent(tdb.pool, t.id, {
      callSid: 'CA-answered-out',
      fromNumber: '+14155550100',
      toNumber: '+14155550111',
      direction: 'outbound',
    });
    expect(outbound.answeredAt).toBeNull();
  });

  it('finds the tenant by the number that was dialled', async () => {
    const t = await createTenant(tdb.pool, { slug: 'dialled', name: 'Dialled' });
    await assignPhoneNumber(tdb.pool, t.id, '+15557770000');
    expect((await findTenantByPhoneNumber(tdb.pool, '+15557770000'))?.id).toBe(t.id);
    expect(await findTenantByPhoneNumber(tdb.pool, '+15557770001')).toBeNull();
  });
});

describe('webhook_events', () => {
  it('50 concurrent inserts of one provider event id leave one row, and exactly one caller is first', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        recordWebhookEvent(tdb.pool, {
          provider: 'stripe',
          eventId: 'evt_concurrent_1',
          eventType: 'checkout.session.completed',
        }),
      ),
    );
    expect(results.filter((r) => r.first)).toHaveLength(1);
    expect(results.filter((r) => !r.first)).toHaveLength(49);
    const { rows } = await tdb.pool.query(
      `SELECT count(*)::int AS n FROM webhook_events WHERE event_id = 'evt_concurrent_1'`,
    );
    expect(rows[0].n).toBe(1);
    const other = await recordWebhookEvent(tdb.pool, {
      provider: 'calcom',
      eventId: 'evt_concurrent_1',
      eventType: 'x',
    });
    expect(other.first).toBe(true);
  });
});

describe('bookings', () => {
  it('refuses overlapping live bookings on one resource, under concurrency', async () => {
    const t = await createTenant(tdb.pool, { slug: 'overlap', name: 'Overlap' });
    const startsAt = new Date('2026-12-02T15:00:00Z');
    const endsAt = new Date('2026-12-02T16:00:00Z');
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        insertBooking(tdb.pool, t.id, { status: 'held', startsAt, endsAt }),
      ),
    );
    expect(attempts.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of attempts)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(SlotTakenError);
    // A cancelled booking frees the slot; another resource is independent.
    await tdb.pool.query(`UPDATE bookings SET status = 'cancelled' WHERE tenant_id = $1`, [t.id]);
    await expect(
      insertBooking(tdb.pool, t.id, { status: 'confirmed', startsAt, endsAt }),
    ).resolves.toBeTruthy();
    await expect(
      insertBooking(tdb.pool, t.id, { status: 'confirmed', startsAt, endsAt, resource: 'chair-2' }),
    ).resolves.toBeTruthy();
  });

  it('writes only the status moves the booking rules allow', async () => {
    const t = await createTenant(tdb.pool, { slug: 'moves', name: 'Moves' });
    const b = await insertBooking(tdb.pool, t.id, {
      status: 'confirmed',
      startsAt: new Date('2026-12-03T15:00:00Z'),
      endsAt: new Date('2026-12-03T16:00:00Z'),
    });
    expect((await setBookingStatus(tdb.pool, t.id, b.id, 'completed'))?.status).toBe('completed');
    // A finished visit is not cancelled or turned into a no-show afterwards: the row stays.
    expect((await setBookingStatus(tdb.pool, t.id, b.id, 'cancelled'))?.status).toBe('completed');
    expect((await setBookingStatus(tdb.pool, t.id, b.id, 'no_show'))?.status).toBe('completed');
    const row = await getBooking(tdb.pool, t.id, b.id);
    expect(row?.status).toBe('completed');
    expect(row?.cancelledAt ?? null).toBeNull();
    // Another business cannot move it at all.
    const other = await createTenant(tdb.pool, { slug: 'moves-other', name: 'Other' });
    expect(await setBookingStatus(tdb.pool, other.id, b.id, 'cancelled')).toBeNull();
  });
});

describe('seed', () => {
  it('creates the demo tenant with its number, hours and FAQ, and is re-runnable', async () => {
    const first = await seedDemoTenant(tdb.pool);
    const second = await seedDemoTenant(tdb.pool);
    expect(second.tenantId).toBe(first.tenantId);
    const t = await findTenantByPhoneNumber(tdb.pool, '+14155550100');
    expect(t?.businessHours.mon).toEqual([{ open: '09:00', close: '17:00' }]);
    const { rows } = await tdb.pool.query(
      'SELECT count(*)::int AS n FROM knowledge_entries WHERE tenant_id = $1',
      [first.tenantId],
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(5);
  });
});

describe('calendar writes', () => {
  it("join the caller's transaction when given its client, so a rollback leaves no booking", async () => {
    const t = await createTenant(tdb.pool, { slug: 'rollback-co', name: 'Rollback Co' });
    const client = await tdb.pool.connect();
    try {
      await client.query('BEGIN');
      await insertBooking(client, t.id, {
        status: 'held',
        startsAt: new Date('2026-12-04T15:00:00Z'),
        endsAt: new Date('2026-12-04T16:00:00Z'),
      });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await listBookings(tdb.pool, t.id, { limit: 10 })).items).toEqual([]);
  });

  it('decide twenty racing callers without a single deadlock: one booking, nineteen "slot taken"', async () => {
    const t = await createTenant(tdb.pool, { slug: 'race-co', name: 'Race Co' });
    const startsAt = new Date('2026-12-05T15:00:00Z');
    const endsAt = new Date('2026-12-05T16:00:00Z');
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        insertBooking(tdb.pool, t.id, { status: 'held', startsAt, endsAt, notes: `caller ${i}` }),
      ),
    );
    const codes = attempts.map((r) =>
      r.status === 'rejected' ? (r.reason as { code?: string; name: string }) : null,
    );
    expect(codes.filter((c) => c === null)).toHaveLength(1);
    expect(codes.filter((c) => c?.name === 'SlotTakenError')).toHaveLength(19);
  });
});
