// Booking workflow throughput and end-to-end latency (start -> slot held -> confirmed -> the
// confirmation text stored), no deposit, on the local Temporal dev server with a worker in this
// process. Run on demand: `pnpm --filter @receptionist/worker bench` (BENCH_BOOKINGS, BENCH_CONCURRENCY).
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
} from '@temporalio/worker';
import pg from 'pg';
import { Registry } from 'prom-client';
import { createPool, createTenant, updateTenantBookingSettings } from '@receptionist/db';
import { migrate } from '@receptionist/db/migrate';
import { createLogger } from '@receptionist/observability';
import { createActivities } from '../src/activities/index.ts';
import { createBookingClient } from '@receptionist/booking-client';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createBookingIntegrations } from '../src/integrations.ts';
import { WORKFLOWS_PATH } from '../src/worker-options.ts';

const N = Number(process.env.BENCH_BOOKINGS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const databaseUrl = process.env.DATABASE_URL;
const temporalAddress = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
if (!databaseUrl) throw new Error('DATABASE_URL is required (source scripts/lib/env.sh)');

Runtime.install({ logger: new DefaultLogger('ERROR') });
const admin = new URL(databaseUrl);
admin.pathname = '/postgres';
const dbName = `bench_${randomBytes(4).toString('hex')}`;
const adminClient = new pg.Client({ connectionString: admin.toString() });
await adminClient.connect();
await adminClient.query(`CREATE DATABASE ${dbName}`);
const url = new URL(databaseUrl);
url.pathname = `/${dbName}`;
await migrate(url.toString());
const db = createPool({ connectionString: url.toString(), max: 20 });
const logger = createLogger({ service: 'bench', level: 'silent' });

const everyDay = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
    d,
    [{ open: '00:00', close: '23:59' }],
  ]),
);
const tenant = await createTenant(db, {
  slug: `bench-${dbName.slice(6)}`,
  name: 'Bench',
  businessHours: everyDay,
});
await updateTenantBookingSettings(db, tenant.id, { calendarSettings: { slotMinutes: 30 } });

const taskQueue = `bench-${dbName}`;
const nc = await NativeConnection.connect({ address: temporalAddress });
const worker = await Worker.create({
  connection: nc,
  taskQueue,
  workflowBundle: await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: new DefaultLogger('ERROR'),
  }),
  activities: createActivities({
    db,
    logger,
    publicBaseUrl: 'http://localhost:3000',
    ...createBookingIntegrations({
      config: {
        STRIPE_SECRET_KEY: undefined,
        STRIPE_API_BASE_URL: undefined,
        CALCOM_API_BASE_URL: 'http://127.0.0.1:9',
        TWILIO_ACCOUNT_SID: undefined,
        TWILIO_AUTH_TOKEN: undefined,
        TWILIO_API_BASE_URL: undefined,
      },
      db,
      logger,
      breakers: createBreakerFactory({ registry: new Registry(), logger }),
    }),
  }),
});
const running = worker.run();
const connection = await Connection.connect({ address: temporalAddress });
const client = new Client({ connection });
const bookings = createBookingClient({ client, taskQueue });

// Distinct slots a week out, on the hour boundaries of consecutive half-hours (midday UTC).
const base = new Date(Date.now() + 7 * 86_400_000);
base.setUTCHours(0, 0, 0, 0);
const startedAt = new Map<string, number>();
const latencies: number[] = [];
let next = 0;
const wall0 = Date.now();
// Closed loop: each lane books, waits for the confirmation text's row, then books the next slot,
// so the latency is that of a booking under CONCURRENCY simultaneous callers, not of a queue.
async function lane() {
  for (;;) {
    const i = next++;
    if (i >= N) return;
    const startsAt = new Date(
      base.getTime() + Math.floor(i / 46) * 86_400_000 + (i % 46) * 30 * 60_000,
    );
    const t = Date.now();
    const { bookingId } = await bookings.startBooking({
      tenantId: tenant.id,
      startsAt,
      contactPhone: `+1415555${String(i).padStart(4, '0')}`,
    });
    startedAt.set(bookingId, t);
    for (;;) {
      // created_at is the database's clock, the same machine's clock as the start time.
      const { rows } = await db.query(
        `SELECT created_at FROM outbound_messages WHERE tenant_id = $1 AND idempotency_key LIKE $2`,
        [tenant.id, `booking:${bookingId}:confirmed:%`],
      );
      if (rows[0]) {
        latencies.push((rows[0].created_at as Date).getTime() - t);
        break;
      }
      if (Date.now() - t > 120_000) throw new Error(`booking ${bookingId} not confirmed in 2 min`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, lane));
const seconds = (Date.now() - wall0) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
const mem = process.memoryUsage();
process.stdout.write(
  [
    `booking workflow, no deposit: ${N} bookings, ${CONCURRENCY} concurrent callers (closed loop), worker in-process`,
    `throughput: ${(N / seconds).toFixed(1)} bookings/s (${seconds.toFixed(2)} s total)`,
    `end-to-end latency (start -> confirmation stored): p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1)} ms`,
    `memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`,
  ].join('\n') + '\n',
);

// The workflows now sleep until their reminders; end them and clean up.
for (const id of startedAt.keys())
  await client.workflow
    .getHandle(`booking-${id}`)
    .terminate('benchmark finished')
    .catch(() => undefined);
worker.shutdown();
await running;
await nc.close();
await connection.close();
await db.end();
await adminClient.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await adminClient.end();
