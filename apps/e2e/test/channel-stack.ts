// A real backend (Twilio routes and relay socket) and a real Temporal worker running the call and
// SMS workflows, on a database, Redis prefix and task queue of their own. Requests are signed with
// Twilio's own signer, exactly as Twilio signs them.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import request from 'supertest';
import twilio from 'twilio';
import { loadBackendConfig, type BackendConfig } from '@receptionist/config';
import { createLimits, seedDemoTenant, DEMO_TENANT } from '@receptionist/db';
import { createAgentClient } from '@receptionist/integrations/agent';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import {
  budgetExceededCounter,
  createLogger,
  createMetrics,
  type Metrics,
} from '@receptionist/observability';
import {
  createTestDatabase,
  createTestRedis,
  startStripeMock,
  type StripeMock,
  type TestDatabase,
  type TestRedis,
} from '@receptionist/testing';
import { createActivities } from '@receptionist/worker/activities';
import { createBookingIntegrations } from '@receptionist/worker/integrations';
import { WORKFLOWS_PATH } from '@receptionist/worker/worker-options';
import { createApp } from '@receptionist/backend/app';
import {
  attachRelay,
  temporalChannelWorkflows,
  type ChannelWorkflows,
} from '@receptionist/backend/twilio';

export const AUTH_TOKEN = 'test-twilio-auth-token';
export const PUBLIC_BASE_URL = 'https://voice.example.test';
export const CALLER = '+14155550123';
/** The backend's and worker's bearer secret for the agent service (the agent rig reads it too). */
export const AGENT_SECRET = 'test-agent-shared-secret';

export interface ChannelStack {
  config: BackendConfig;
  /** The backend's and the worker's registries: the budget-exceeded alert metric is read here. */
  metrics: Metrics;
  workerMetrics: Metrics;
  tdb: TestDatabase;
  redis: TestRedis;
  tenantId: string;
  server: Server;
  baseUrl: string;
  temporal: Client;
  taskQueue: string;
  /** The Cal.com API the worker's activities call. */
  calcomUrl: string;
  /** Posts form parameters to a Twilio route, signed as Twilio signs (or with the given signature). */
  post(path: string, params: Record<string, string>, signature?: string | null): request.Test;
  sign(path: string, params: Record<string, string>): string;
  close(): Promise<void>;
}

export async function startChannelStack(opts: {
  agentUrl: string;
  agentTimeoutMs?: number;
  agentHoldMs?: number;
  withWorker?: boolean;
  /** Deposits: the worker takes them through stripe-mock (Stripe's own API simulator). */
  stripe?: boolean;
  calcomUrl?: string;
  /** The migrated template database to copy; outside vitest there is no globalSetup to name it. */
  template?: string;
  /** Wraps the webhooks' port to the workflows, e.g. with one whose signals fail. */
  workflows?: (real: ChannelWorkflows) => ChannelWorkflows;
}): Promise<ChannelStack> {
  const calcomUrl = opts.calcomUrl ?? 'http://127.0.0.1:9';
  const tdb = await createTestDatabase(opts.template ? { template: opts.template } : {});
  const redis = await createTestRedis();
  const { tenantId } = await seedDemoTenant(tdb.pool);
  const config = loadBackendConfig({
    DATABASE_URL: tdb.url,
    REDIS_URL: redis.url,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    PUBLIC_BASE_URL,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    AGENT_URL: opts.agentUrl,
    AGENT_TIMEOUT_MS: String(opts.agentTimeoutMs ?? 1_000),
    // The tests follow one hold and then the fallback; the long hold has its own test.
    AGENT_HOLD_MS: String(opts.agentHoldMs ?? 0),
    AGENT_SHARED_SECRET: AGENT_SECRET,
    RELAY_INTERRUPT_GRACE_MS: '400',
  });
  const logger = createLogger({ service: 'backend', level: 'silent' });
  const metrics = createMetrics('backend');
  const breakers = createBreakerFactory({ registry: metrics.registry, logger });
  const agent = createAgentClient({
    baseUrl: config.AGENT_URL,
    timeoutMs: config.AGENT_TIMEOUT_MS,
    breakers,
    secret: config.AGENT_SHARED_SECRET,
  });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection });
  const taskQueue = `channel-test-${randomBytes(5).toString('hex')}`;
  const real = temporalChannelWorkflows(temporal, taskQueue);
  const workflows = opts.workflows ? opts.workflows(real) : real;
  const app = createApp({
    config,
    logger,
    metrics,
    db: tdb.pool,
    redis: redis.client,
    temporalHealth: async () => undefined,
    twilio: { agent, workflows },
  });
  const server = createServer(app);
  attachRelay(server, {
    config,
    logger,
    metrics,
    db: tdb.pool,
    redis: redis.client,
    agent,
    workflows,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let workerConnection: NativeConnection | undefined;
  let stripeMock: StripeMock | undefined;
  const workerMetrics = createMetrics('worker');
  if (opts.withWorker !== false) {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed by an earlier stack in this test process.
    }
    const workerBreakers = createBreakerFactory({ registry: workerMetrics.registry, logger });
    workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    stripeMock = opts.stripe ? await startStripeMock() : undefined;
    const integrations = createBookingIntegrations({
      // No Twilio credentials: texts stay in the outbox, where the tests read them.
      config: {
        CALCOM_API_BASE_URL: calcomUrl,
        ...(stripeMock
          ? { STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_API_BASE_URL: stripeMock.url }
          : {}),
      },
      db: tdb.pool,
      logger,
      breakers: workerBreakers,
    });
    worker = await Worker.create({
      connection: workerConnection,
      taskQueue,
      workflowsPath: WORKFLOWS_PATH,
      activities: createActivities({
        db: tdb.pool,
        redis: redis.client,
        logger,
        publicBaseUrl: PUBLIC_BASE_URL,
        ...integrations,
        channel: {
          breakers: workerBreakers,
          agent: createAgentClient({
            baseUrl: opts.agentUrl,
            timeoutMs: opts.agentTimeoutMs ?? 1_000,
            breakers: workerBreakers,
            secret: AGENT_SECRET,
          }),
          limits: createLimits({
            redis: redis.client,
            db: tdb.pool,
            onExceeded: (tenant, kind) =>
              budgetExceededCounter(workerMetrics.registry).inc({ tenant, kind }),
          }),
          // The same sender as the booking texts: one outbox, read back by the tests.
          sender: integrations.sms,
          // No SMTP relay configured: staff are texted, not emailed.
          mailer: integrations.mailer,
        },
      }),
    });
    running = worker.run();
  }

  const sign = (path: string, params: Record<string, string>) =>
    twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}${path}`, params);
  return {
    config,
    metrics,
    workerMetrics,
    tdb,
    redis,
    tenantId,
    server,
    baseUrl,
    temporal,
    taskQueue,
    calcomUrl,
    sign,
    post(path, params, signature) {
      const req = request(server).post(path).type('form');
      const sig = signature === undefined ? sign(path, params) : signature;
      if (sig !== null) req.set('X-Twilio-Signature', sig);
      return req.send(params);
    },
    async close() {
      worker?.shutdown();
      await running;
      await workerConnection?.close();
      await stripeMock?.close();
      await connection.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await redis.cleanup();
      await tdb.drop();
    },
  };
}

/** A Gather turn's form: the caller `from` said `words`, heard with a good confidence. */
export const speechParams = (
  callSid: string,
  from: string,
  words: string,
  extra: Record<string, string> = {},
) => ({ ...callParams(callSid, { From: from, ...extra }), SpeechResult: words, Confidence: '0.9' });

let sidSeq = 0;
/** A call SID of Twilio's shape, unique within the test process. */
export const newCallSid = () =>
  `CA${Date.now().toString(16)}${(sidSeq++).toString(16).padStart(10, '0')}`;

/** The rows a query of the stack's database returns. */
export const rowsOf =
  (stack: ChannelStack) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any column
  async (sql: string, params: unknown[] = []): Promise<any[]> =>
    (await stack.tdb.pool.query(sql, params)).rows;

/** A text to the demo tenant's number, as Twilio's SMS webhook posts it. */
export const smsParams = (messageSid: string, from: string, body: string) => ({
  MessageSid: messageSid,
  AccountSid: `AC${'0'.repeat(32)}`,
  From: from,
  To: DEMO_TENANT.phoneNumber,
  Body: body,
});

export const callParams = (callSid: string, extra: Record<string, string> = {}) => ({
  CallSid: callSid,
  AccountSid: `AC${'0'.repeat(32)}`,
  From: CALLER,
  To: DEMO_TENANT.phoneNumber,
  Direction: 'inbound',
  CallStatus: 'in-progress',
  ...extra,
});
