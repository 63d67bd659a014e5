// Test rig for the booking workflows: a database of its own, stripe-mock, a Cal.com stand-in,
// the real activities, and an in-process Worker on a task queue unique to the test file, all
// against the shared Temporal dev server (TEMPORAL_ADDRESS), or against a time-skipping test
// server (`startHarness(name, env)`) for the waits: days pass while a test awaits a result.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import {
  bundleWorkflowCode,
  NativeConnection,
  Runtime,
  Worker,
  DefaultLogger,
} from '@temporalio/worker';
import type { WorkerOptions, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { Registry } from 'prom-client';
import {
  createTenant,
  listOutboundMessages,
  updateContactDetails,
  updateTenantBookingSettings,
  upsertContactByPhone,
  type Db,
  type NewTenant,
  type OutboundMessage,
} from '@receptionist/db';
import type { Tenant } from '@receptionist/domain';
import { createLogger } from '@receptionist/observability';
import {
  createTestDatabase,
  startCalcomStandIn,
  startStripeMock,
  waitFor,
  type CalcomStandIn,
  type StripeMock,
  type TestDatabase,
} from '@receptionist/testing';
import { createActivities } from '../src/activities/index.ts';
import { createBookingClient, type BookingClient } from '@receptionist/booking-client';
import { createAgentClient } from '@receptionist/integrations/agent';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createBookingIntegrations } from '../src/integrations.ts';
import { WORKFLOWS_PATH } from '../src/worker-options.ts';
import { startedForSuite } from '@receptionist/testing/suite';

let runtimeInstalled = false;
function quietRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Another file in the same process installed it first.
  }
}

export const ALL_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
    d,
    [{ open: '00:00', close: '23:59' }],
  ]),
);

/**
 * A fixed-offset zone where it is around noon now, so "in a few seconds" and "in two days at
 * this time" are inside 00:00–23:59 opening hours whenever the suite runs.
 */
export function noonZone(now = new Date()): string {
  const n = Math.max(-12, Math.min(12, now.getUTCHours() - 12));
  return n === 0 ? 'Etc/GMT' : n > 0 ? `Etc/GMT+${n}` : `Etc/GMT${n}`;
}

export interface Harness {
  db: TestDatabase;
  stripeMock: StripeMock;
  calcom: CalcomStandIn;
  client: Client;
  bookings: BookingClient;
  taskQueue: string;
  bundle: WorkflowBundleWithSourceMap;
  /** A worker on the harness's task queue: the harness's activities unless given others. */
  startWorker(
    activities?: WorkerOptions['activities'],
  ): Promise<{ worker: Worker; stop(): Promise<void> }>;
  activities(): ReturnType<typeof createActivities>;
  makeTenant(
    t?: Partial<NewTenant> & Parameters<typeof updateTenantBookingSettings>[2],
  ): Promise<Tenant>;
  texts(tenantId: string): Promise<OutboundMessage[]>;
  phone(): string;
  saveHistory(bookingId: string, name: string): Promise<void>;
  /** Any workflow's history, e.g. a call's (`call-<CallSid>`), for the replay test. */
  saveWorkflowHistory(workflowId: string, name: string): Promise<void>;
  close(): Promise<void>;
}

let bundlePromise: Promise<WorkflowBundleWithSourceMap> | undefined;
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundlePromise ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: new DefaultLogger('ERROR'),
  });
  return bundlePromise;
}

/** Where the harness's client and workers talk to a Temporal server it does not own. */
export interface HarnessTemporal {
  client: Client;
  nativeConnection: NativeConnection;
}

/**
 * The file's harness with its worker polling: started before the file's tests, closed after them
 * (after `cleanup`, for what the file started on the shared Temporal server).
 */
export const useHarness = (name: string, cleanup?: (h: Harness) => Promise<unknown>): Harness =>
  startedForSuite(
    async () => {
      const h = await startHarness(name);
      await h.startWorker().catch(async (err: unknown) => {
        await h.close();
        throw err;
      });
      return h;
    },
    (h) => h.close(),
    { timeoutMs: 60_000, ...(cleanup ? { cleanup } : {}) },
  );

export async function startHarness(name: string, temporal?: HarnessTemporal): Promise<Harness> {
  quietRuntime();
  const [db, stripeMock, calcom, bundle] = await Promise.all([
    createTestDatabase(),
    startStripeMock(),
    startCalcomStandIn({ lengthMinutes: 30 }),
    workflowBundle(),
  ]);
  const connection = temporal
    ? null
    : await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const client = temporal?.client ?? new Client({ connection: connection! });
  const taskQueue = `${name}-${randomUUID()}`;
  const bookings = createBookingClient({ client, taskQueue });
  const logger = createLogger({ service: 'worker-test', level: 'silent' });
  const pool = db.pool as unknown as Db;
  const activities = () => {
    const breakers = createBreakerFactory({ registry: new Registry(), logger });
    const integrations = createBookingIntegrations({
      config: {
        STRIPE_SECRET_KEY: 'sk_test_123',
        STRIPE_API_BASE_URL: stripeMock.url,
        CALCOM_API_BASE_URL: calcom.url,
        TWILIO_ACCOUNT_SID: undefined,
        TWILIO_AUTH_TOKEN: undefined,
        TWILIO_API_BASE_URL: undefined,
      },
      db: pool,
      logger,
      breakers,
    });
    return createActivities({
      db: pool,
      logger,
      publicBaseUrl: 'https://book.example.test',
      ...integrations,
      // The call and SMS workflows' activities too; no agent service listens on port 9.
      channel: {
        sender: integrations.sms,
        mailer: integrations.mailer,
        agent: createAgentClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 200, breakers }),
        breakers,
      },
    });
  };
  const workers: { stop(): Promise<void> }[] = [];
  const started: string[] = [];
  const originalStart = bookings.startBooking;
  bookings.startBooking = async (req) => {
    const r = await originalStart(req);
    started.push(r.workflowId);
    return r;
  };
  let phoneSeq = 0;
  const phonePrefix = `+1415${String(Math.floor(Math.random() * 900) + 100)}`;

  return {
    db,
    stripeMock,
    calcom,
    client,
    bookings,
    taskQueue,
    bundle,
    activities,
    async startWorker(custom) {
      const nc =
        temporal?.nativeConnection ??
        (await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! }));
      const worker = await Worker.create({
        connection: nc,
        taskQueue,
        workflowBundle: bundle,
        activities: custom ?? activities(),
        // A worker that stops hands its workflows back quickly instead of after 10 s.
        stickyQueueScheduleToStartTimeout: '1 second',
        shutdownGraceTime: '2 seconds',
      });
      const running = worker.run();
      let stopped = false;
      const handle = {
        worker,
        // Once: a test may stop its worker before the harness's close stops every worker.
        async stop() {
          if (stopped) return;
          stopped = true;
          if (worker.getState() === 'RUNNING') worker.shutdown();
          await running.catch(() => undefined);
          if (!temporal) await nc.close();
        },
      };
      workers.push(handle);
      return handle;
    },
    async makeTenant(t = {}) {
      const tenant = await createTenant(db.pool, {
        slug: `t-${randomUUID().slice(0, 8)}`,
        name: t.name ?? 'Bright Smile',
        timezone: t.timezone ?? noonZone(),
        businessHours: t.businessHours ?? ALL_DAY,
        depositRequired: t.depositRequired,
        depositAmountMinor: t.depositAmountMinor,
        currency: t.currency,
        languages: t.languages,
      });
      return (await updateTenantBookingSettings(db.pool, tenant.id, {
        calendarSettings: { slotMinutes: 30 },
        ...t,
      }))!;
    },
    texts: (tenantId) => listOutboundMessages(db.pool, tenantId),
    phone: () => `${phonePrefix}${String(++phoneSeq).padStart(4, '0')}`,
    saveHistory: (bookingId, file) => saveWorkflowHistory(client, `booking-${bookingId}`, file),
    saveWorkflowHistory: (workflowId, file) => saveWorkflowHistory(client, workflowId, file),
    async close() {
      for (const id of started) {
        await client.workflow
          .getHandle(id)
          .terminate('test finished')
          .catch(() => undefined);
      }
      for (const w of workers) await w.stop();
      await connection?.close();
      await Promise.all([stripeMock.close(), calcom.close()]);
      await db.drop();
    },
  };
}

/** Written only with RECORD_HISTORIES=1: test/histories/<scenario>--<workflow id>.json. */
async function saveWorkflowHistory(client: Client, workflowId: string, file: string) {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  writeFileSync(
    new URL(`./histories/${file}--${workflowId}.json`, import.meta.url),
    historyToJSON(history),
  );
}

export async function waitForPhase(
  h: Harness,
  tenantId: string,
  bookingId: string,
  phases: string[],
  timeoutMs = 15_000,
) {
  let last: unknown;
  await waitFor(
    async () => {
      try {
        const s = await h.bookings.getBookingStatus(tenantId, bookingId);
        last = s?.phase;
        return !!s && phases.includes(s.phase);
      } catch (err) {
        last = (err as Error).message;
        return false;
      }
    },
    timeoutMs,
    `booking ${bookingId} to reach ${phases.join('/')} (last: ${String(last)})`,
  );
  return (await h.bookings.getBookingStatus(tenantId, bookingId))!;
}

/** The kind of each text, read back from its idempotency key (booking:<id>:<kind>[:...]). */
export const kinds = (texts: OutboundMessage[], bookingId?: string) =>
  texts
    .filter((t) => !bookingId || t.idempotencyKey.startsWith(`booking:${bookingId}:`))
    .map((t) => t.idempotencyKey.split(':')[2]);

/** A caller of the tenant's, with a lead score (and a name) when given one. */
export async function caller(h: Harness, tenantId: string, leadScore?: number) {
  const phone = h.phone();
  const contact = await upsertContactByPhone(h.db.pool, tenantId, phone);
  if (leadScore !== undefined)
    await updateContactDetails(h.db.pool, tenantId, contact.id, { name: 'Ada', leadScore });
  return { phone, contact };
}
