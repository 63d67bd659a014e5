// Admin list latency with 100 000 calls and 100 000 bookings for one business (plus other
// businesses' rows around them). Run on demand, not in the test command:
//   pnpm --filter @receptionist/backend bench:admin      (needs DATABASE_ADMIN_URL, REDIS_URL)
// Creates and drops a database of its own; prints p50/p95/p99 per scenario, throughput and RSS.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { loadBackendConfig } from '@receptionist/config';
import { createPool, createRedis, createTenant, insertApiKey } from '@receptionist/db';
import { migrate } from '@receptionist/db/migrate';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createLogger, createMetrics } from '@receptionist/observability';
import { createBookingClient } from '@receptionist/booking-client';
import { createApp } from '../src/app.ts';
import { createBookingCommands } from '../src/admin/index.ts';
import { generateApiKey } from '../src/admin/api-key.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const adminUrl =
  process.env.DATABASE_ADMIN_URL ?? 'postgres://receptionist:receptionist@127.0.0.1:55432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:56379';
const dbName = `bench_${randomBytes(4).toString('hex')}`;
const dbUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function seed(db: pg.Pool, tenantId: string, otherTenantId: string) {
  const t0 = Date.now();
  for (const [tenant, n] of [
    [tenantId, ROWS],
    [otherTenantId, ROWS / 5],
  ] as const) {
    await db.query(
      `INSERT INTO calls (tenant_id, call_sid, from_number, to_number, status, started_at, answered_at, outcome, created_at)
       SELECT $1, 'CA' || $3 || '-' || i, '+1415' || lpad((i % 9000000)::text, 7, '0'), '+14155550100', 'completed',
              ts, ts, (ARRAY['booked','question_answered','escalated','message_taken','abandoned','missed'])[1 + i % 6], ts
         FROM generate_series(1, $2::int) AS i, LATERAL (SELECT now() - (i || ' minutes')::interval AS ts) x`,
      [tenant, n, tenant.slice(0, 8)],
    );
    await db.query(
      `INSERT INTO bookings (tenant_id, status, starts_at, ends_at, service, created_at)
       SELECT $1, (ARRAY['confirmed','completed','cancelled','no_show'])[1 + i % 4],
              timestamptz '2020-01-01' + (i || ' hours')::interval,
              timestamptz '2020-01-01' + (i || ' hours')::interval + interval '45 minutes',
              'Cleaning', now() - (i || ' minutes')::interval
         FROM generate_series(1, $2::int) AS i`,
      [tenant, n],
    );
  }
  await db.query('ANALYZE');
  return Date.now() - t0;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function scenario(
  name: string,
  base: string,
  key: string,
  pathFor: (i: number, cursors: string[]) => string,
  cursors: string[] = [],
) {
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const s = performance.now();
    const res = await fetch(`${base}${pathFor(i, cursors)}`, { headers: { authorization: key } });
    const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    times.push(performance.now() - s);
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(body)}`);
  }
  const wall = performance.now() - t0;
  times.sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(1).padStart(7);
  console.log(
    `${name.padEnd(44)} p50 ${f(percentile(times, 50))} ms  p95 ${f(percentile(times, 95))} ms  p99 ${f(percentile(times, 99))} ms  ${(REQUESTS / (wall / 1000)).toFixed(0).padStart(5)} req/s`,
  );
}

/** Cursors spread through the whole list, collected by paging with limit 200. */
async function collectCursors(base: string, key: string, path: string, max = 100) {
  const cursors: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await fetch(`${base}${path}?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: key },
    });
    cursor = ((await res.json()) as { nextCursor: string | null }).nextCursor;
    if (cursor && cursors.length < max) cursors.push(cursor);
  } while (cursor);
  return cursors;
}

await admin(`CREATE DATABASE ${dbName}`);
const db = createPool({ connectionString: dbUrl, max: 10 });
const redis = createRedis(redisUrl, { keyPrefix: `${dbName}:` });
const connection = Connection.lazy({ address: '127.0.0.1:7233' });
const server = createServer();
try {
  await migrate(dbUrl, { direction: 'up' });
  const tenantId = (await createTenant(db, { slug: 'bench-dental', name: 'Bench Dental' })).id;
  const otherId = (await createTenant(db, { slug: 'bench-other', name: 'Other' })).id;
  const seedMs = await seed(db, tenantId, otherId);
  const g = generateApiKey();
  await insertApiKey(db, {
    tenantId: null,
    name: 'bench',
    role: 'viewer',
    prefix: g.prefix,
    secretHash: g.secretHash,
  });
  const key = `Bearer ${g.key}`;
  const config = loadBackendConfig({
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    PUBLIC_BASE_URL: 'http://127.0.0.1',
    ADMIN_RATE_LIMIT_PER_MINUTE: '10000000',
    ADMIN_IP_RATE_LIMIT_PER_MINUTE: '10000000',
  });
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const metrics = createMetrics('backend');
  const breakers = createBreakerFactory({ registry: metrics.registry, logger });
  const app = createApp({
    config,
    logger,
    metrics,
    db,
    redis,
    temporalHealth: async () => undefined,
    admin: {
      bookingCommands: createBookingCommands({
        bookings: createBookingClient({ client: new Client({ connection }), taskQueue: 'bench' }),
        breakers,
        timeoutMs: 1_000,
      }),
      knowledgeIndex: null,
    },
  });
  server.on('request', app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/v1/tenants/${tenantId}`;

  console.log(
    `admin list latency: ${ROWS} calls and ${ROWS} bookings for the business (+${ROWS / 5} each for another); ` +
      `seeded in ${(seedMs / 1000).toFixed(1)} s; ${REQUESTS} sequential requests per scenario; Node ${process.version}`,
  );
  // Warm-up: connection pool, plan cache, JIT.
  for (let i = 0; i < 50; i++) await fetch(`${base}/calls`, { headers: { authorization: key } });

  const callCursors = await collectCursors(base, key, '/calls');
  const bookingCursors = await collectCursors(base, key, '/bookings');
  await scenario('calls, first page (limit 50)', base, key, () => '/calls');
  await scenario('calls, first page (limit 200)', base, key, () => '/calls?limit=200');
  await scenario(
    'calls, pages spread over all rows (50)',
    base,
    key,
    (i, c) => `/calls?cursor=${c[i % c.length]}`,
    callCursors,
  );
  await scenario('calls, outcome=booked', base, key, () => '/calls?outcome=booked');
  await scenario('calls, one week range', base, key, (i) => {
    const to = new Date(Date.now() - (i % 10) * 86_400_000);
    const from = new Date(to.getTime() - 7 * 86_400_000);
    return `/calls?from=${from.toISOString()}&to=${to.toISOString()}`;
  });
  await scenario(
    'calls, number=<one caller>',
    base,
    key,
    (i) => `/calls?number=%2B1415${String(i + 1).padStart(7, '0')}`,
  );
  await scenario('bookings, first page (limit 50)', base, key, () => '/bookings');
  await scenario('bookings, first page (limit 200)', base, key, () => '/bookings?limit=200');
  await scenario(
    'bookings, pages spread over all rows (50)',
    base,
    key,
    (i, c) => `/bookings?cursor=${c[i % c.length]}`,
    bookingCursors,
  );
  console.log(
    `rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB (backend and load generator in one process)`,
  );
} finally {
  server.close();
  await connection.close().catch(() => undefined);
  redis.disconnect();
  await db.end();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
