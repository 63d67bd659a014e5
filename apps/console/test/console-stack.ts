// The real backend process (`node apps/backend/src/main.ts`) on a database and Redis prefix of its
// own, serving the built console, with the demo business, its keys and one finished call with a
// transcript and an escalation. Chromium drives it through playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import {
  appendMessage,
  createCallIdempotent,
  createTenant,
  DEMO_TENANT,
  ensureConversationRow,
  insertApiKey,
  insertBooking,
  insertEscalation,
  seedDemoTenant,
  setCallOutcome,
  updateCallStatus,
  upsertContactByPhone,
  type Db,
} from '@receptionist/db';
import { startHarness, type Harness } from '@receptionist/worker/test-harness';
import {
  createTestRedis,
  freePort,
  waitFor,
  type TestDatabase,
  type TestRedis,
} from '@receptionist/testing';

const BACKEND_MAIN = fileURLToPath(new URL('../../backend/src/main.ts', import.meta.url));
const AGENT_MAIN = fileURLToPath(new URL('../../agent/src/main.ts', import.meta.url));
export const CALLER = '+14155550123';
const AGENT_SECRET = 'console-test-agent-secret';
/** The auth token the backend checks Twilio's signatures with; the test phone signs with it. */
export const TWILIO_TOKEN = 'console-test-twilio-token';
// The admin API's own stand-in for the booking workflow: it records the signals it is sent.
const BOOKING_DOUBLE = fileURLToPath(
  new URL('../../backend/test/booking-double.workflow.ts', import.meta.url),
);

/** A service's own `node src/main.ts`, ready once its /health answers. */
async function startService(main: string, port: number, env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
      BIND_HOST: '127.0.0.1',
      AGENT_SHARED_SECRET: AGENT_SECRET,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4_000)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${main} exited: ${stderr}`);
      return fetch(`${url}/health`).then(
        (r) => r.status < 500,
        () => false,
      );
    },
    30_000,
    `${main} to listen`,
  );
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface ConsoleStack {
  baseUrl: string;
  databaseUrl: string;
  db: Db;
  tenantId: string;
  adminKey: string;
  viewerKey: string;
  /** An admin key of another business. */
  otherKey: string;
  otherTenantId: string;
  /** The agency's admin key (no business: a platform key). */
  platformKey: string;
  callId: string;
  escalationId: string;
  /** Runs the booking double under the booking's workflow id on the stack's task queue. */
  followBooking(bookingId: string): Promise<void>;
  /** The signals the booking's workflow received. */
  signals(bookingId: string): Promise<{ name: string; arg: Record<string, unknown> }[]>;
  close(): Promise<void>;
}

/** A worker of the booking double on a task queue of the stack's own, on the real Temporal. */
async function startBookingDouble(tenantId: string) {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Installed already in this process.
  }
  const taskQueue = `console-${randomUUID()}`;
  const native = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowsPath: BOOKING_DOUBLE,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const client = new Client({ connection });
  const started: string[] = [];
  return {
    taskQueue,
    async follow(bookingId: string) {
      const h = await client.workflow.start('bookingWorkflowDouble', {
        workflowId: `booking-${bookingId}`,
        taskQueue,
        args: [{ tenantId, bookingId }],
      });
      started.push(h.workflowId);
      // Answered once: the worker has run it, so the backend's tenant check does not wait for that.
      await h.query('received');
    },
    signals: (bookingId: string) =>
      client.workflow
        .getHandle(`booking-${bookingId}`)
        .query<{ name: string; arg: Record<string, unknown> }[]>('received'),
    async stop() {
      // The booking doubles, and the call workflows a test call started on this queue (no
      // worker here runs them): nothing of the stack is left running on the shared server.
      const ids = new Set(started);
      try {
        const query = `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`;
        for await (const w of client.workflow.list({ query })) ids.add(w.workflowId);
      } catch {
        // Visibility may lag or be unavailable; the started ids are still known.
      }
      for (const id of ids)
        await client.workflow
          .getHandle(id)
          .terminate('test finished')
          .catch(() => undefined);
      worker.shutdown();
      await running;
      await Promise.all([native.close(), connection.close()]);
    },
  };
}

async function createKey(db: Db, tenantId: string | null, role: 'admin' | 'viewer') {
  // The admin API's key format: rcp_<12 hex>_<43 base64url>, stored as a SHA-256 hash.
  const prefix = `rcp_${randomBytes(6).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  await insertApiKey(db, {
    tenantId,
    role,
    name: `front desk ${role}`,
    prefix,
    secretHash: createHash('sha256').update(secret, 'utf8').digest('hex'),
  });
  return `${prefix}_${secret}`;
}

async function seedCall(db: Db, tenantId: string) {
  const contact = await upsertContactByPhone(db, tenantId, CALLER);
  const callSid = `CA${randomBytes(16).toString('hex')}`;
  const { call } = await createCallIdempotent(db, tenantId, {
    callSid,
    fromNumber: CALLER,
    toNumber: DEMO_TENANT.phoneNumber,
    contactId: contact.id,
  });
  const conversationId = randomUUID();
  await ensureConversationRow(db, tenantId, {
    id: conversationId,
    contactId: contact.id,
    channel: 'voice',
    callId: call.id,
  });
  const turn = (role: 'caller' | 'agent', text: string, extra = {}) =>
    appendMessage(db, tenantId, {
      conversationId,
      channel: 'voice',
      role,
      text,
      callSid,
      ...extra,
    });
  await turn('caller', 'Hi, do you take Delta Dental insurance?');
  await turn('agent', 'Yes, we accept Delta Dental, Cigna, Aetna and MetLife.', {
    agent: 'faq',
    latencyMs: 412,
    modelLatencyMs: 301,
    inputTokens: 812,
    outputTokens: 37,
  });
  await turn('caller', 'Great, can someone call me back about my bill?');
  await turn('agent', 'Of course, I have passed your message to the front desk.', {
    agent: 'escalation',
    latencyMs: 388,
    inputTokens: 640,
    outputTokens: 22,
  });
  await updateCallStatus(db, tenantId, callSid, { status: 'completed', durationSeconds: 74 });
  await setCallOutcome(db, tenantId, callSid, {
    outcome: 'message_taken',
    summary: 'Asked about Delta Dental; wants a call back about a bill.',
  });
  const escalation = await insertEscalation(db, tenantId, {
    kind: 'message',
    reason: 'billing question',
    summary: 'Call back about a bill',
    callId: call.id,
    contactId: contact.id,
  });
  // One deposit booking made today, on the Wednesday of this week (the calendar's week view).
  const wednesday = new Date();
  wednesday.setUTCHours(10, 0, 0, 0);
  wednesday.setUTCDate(wednesday.getUTCDate() - ((wednesday.getUTCDay() + 6) % 7) + 2);
  await insertBooking(db, tenantId, {
    contactId: contact.id,
    service: 'Cleaning and check-up',
    status: 'confirmed',
    startsAt: wednesday,
    endsAt: new Date(wednesday.getTime() + 3_600_000),
    depositAmountMinor: 2500,
    currency: 'USD',
  });
  return { callId: call.id, escalationId: escalation.id };
}

export async function startConsoleStack(): Promise<ConsoleStack> {
  // The bookings team's real worker (booking workflows and activities) on a task queue of its
  // own, so a booking made in Try it is a real booking; its database is the stack's.
  const harness: Harness = await startHarness('console-agent');
  // The harness stops it on close.
  await harness.startWorker();
  const tdb: TestDatabase = harness.db;
  const redis: TestRedis = await createTestRedis();
  const db = tdb.pool as unknown as Db;
  const { tenantId } = await seedDemoTenant(db);
  const adminKey = await createKey(db, tenantId, 'admin');
  const viewerKey = await createKey(db, tenantId, 'viewer');
  const other = await createTenant(db, {
    slug: `other-${randomBytes(4).toString('hex')}`,
    name: 'Harbor Physio',
  });
  const otherKey = await createKey(db, other.id, 'admin');
  const platformKey = await createKey(db, null, 'admin');
  const { callId, escalationId } = await seedCall(db, tenantId);
  const bookingDouble = await startBookingDouble(tenantId);
  const [port, agentPort] = [await freePort(), await freePort()];
  const shared = { DATABASE_URL: tdb.url, REDIS_URL: redis.url };
  // The real agent service (offline brain: no model key is passed) answers "Try it".
  const agent = await startService(AGENT_MAIN, agentPort, {
    ...shared,
    AGENT_PORT: String(agentPort),
    TEMPORAL_TASK_QUEUE: harness.taskQueue,
  });
  const backend = await startService(BACKEND_MAIN, port, {
    ...shared,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    BACKEND_PORT: String(port),
    AGENT_URL: agent.url,
    AGENT_TIMEOUT_MS: '10000',
    TEMPORAL_TASK_QUEUE: bookingDouble.taskQueue,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    // A busy test machine: the booking workflow's tenant check may take more than the default.
    ADMIN_COMMAND_TIMEOUT_MS: '15000',
  }).catch(async (e: unknown) => {
    await agent.stop();
    await bookingDouble.stop();
    throw e;
  });
  const baseUrl = backend.url;
  return {
    baseUrl,
    databaseUrl: tdb.url,
    db,
    tenantId,
    adminKey,
    viewerKey,
    otherKey,
    otherTenantId: other.id,
    platformKey,
    callId,
    escalationId,
    followBooking: bookingDouble.follow,
    signals: bookingDouble.signals,
    async close() {
      await Promise.all([backend.stop(), agent.stop()]);
      await bookingDouble.stop();
      await terminateRunning(harness);
      await redis.cleanup();
      await harness.close();
    },
  };
}

/** The booking workflows the agent started on the worker's queue: none is left running. */
async function terminateRunning(h: Harness) {
  try {
    const query = `TaskQueue = '${h.taskQueue}' AND ExecutionStatus = 'Running'`;
    for await (const w of h.client.workflow.list({ query }))
      await h.client.workflow
        .getHandle(w.workflowId)
        .terminate('test finished')
        .catch(() => undefined);
  } catch {
    // Visibility may lag or be unavailable.
  }
}

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
