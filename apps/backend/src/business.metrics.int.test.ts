import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallIdempotent, createTenant, insertBooking } from '@receptionist/db';
import { createMetrics } from '@receptionist/observability';
import { createTestDatabase, type TestDatabase } from '@receptionist/testing';
import { registerBusinessMetrics } from './business.metrics.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

describe('business metrics', () => {
  it('reports calls by outcome and bookings by status as they are in Postgres at scrape time', async () => {
    const metrics = createMetrics('backend');
    registerBusinessMetrics(metrics.registry, tdb.pool);
    const t = await createTenant(tdb.pool, { slug: 'metrics-co', name: 'Metrics Co' });
    const { call } = await createCallIdempotent(tdb.pool, t.id, {
      callSid: 'CA-metrics-1',
      fromNumber: '+15550001234',
      toNumber: '+15550009876',
    });
    await createCallIdempotent(tdb.pool, t.id, {
      callSid: 'CA-metrics-2',
      fromNumber: '+15550001235',
      toNumber: '+15550009876',
    });
    await tdb.pool.query(`UPDATE calls SET outcome = 'booked' WHERE id = $1`, [call.id]);
    await insertBooking(tdb.pool, t.id, {
      status: 'confirmed',
      startsAt: new Date('2026-12-03T15:00:00Z'),
      endsAt: new Date('2026-12-03T16:00:00Z'),
    });

    const text = await metrics.registry.metrics();
    expect(text).toMatch(/receptionist_calls_total\{outcome="booked",service="backend"\} 1/);
    expect(text).toMatch(/receptionist_calls_total\{outcome="in_progress",service="backend"\} 1/);
    expect(text).toMatch(/receptionist_bookings\{status="confirmed",service="backend"\} 1/);

    await tdb.pool.query(`UPDATE bookings SET status = 'cancelled'`);
    const after = await metrics.registry.metrics();
    expect(after).toMatch(/receptionist_bookings\{status="cancelled",service="backend"\} 1/);
    expect(after).not.toMatch(/status="confirmed"/);
  });
});
