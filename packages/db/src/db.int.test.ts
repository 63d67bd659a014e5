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
  retryOnDeadlock,
  seedDemoTenant,
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

describe('retryOnDeadlock', () => {
  const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });

  it('repeats a single statement on the pool that Postgres aborted as a deadlock victim', async () => {
    let calls = 0;
    const result = await retryOnDeadlock(tdb.pool, async () => {
      calls += 1;
      if (calls < 3) throw deadlock;
      return 'inserted';
    });
    expect(result).toBe('inserted');
    expect(calls).toBe(3);
  });

  it("hands the deadlock back inside a caller's transaction and never retries other errors", async () => {
    const client = await tdb.pool.connect();
    try {
      let calls = 0;
      await expect(
        retryOnDeadlock(client, async () => {
          calls += 1;
          throw deadlock;
        }),
      ).rejects.toThrow('deadlock');
      expect(calls).toBe(1);
    } finally {
      client.release();
    }
    let calls = 0;
    await expect(
      retryOnDeadlock(tdb.pool, async () => {
        calls += 1;
        throw Object.assign(new Error('slot taken'), { code: '23P01' });
      }),
    ).rejects.toThrow('slot taken');
    expect(calls).toBe(1);
  });
});
