import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { createKnowledgeIngestCommands } from '../src/admin/knowledge-ingest-commands.ts';
import { loadBackendConfig } from '@receptionist/config';
import {
  createPool,
  createTenant,
  insertApiKey,
  revokeApiKey,
  type ApiKeyRole,
  type Db,
  type Redis,
} from '@receptionist/db';
import { createLogger, createMetrics } from '@receptionist/observability';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createTestDatabase, createTestRedis } from '@receptionist/testing';
import { startedForSuite, type SuiteOptions } from '@receptionist/testing/suite';
import { createApp } from '../src/app.ts';
import { createBookingClient } from '@receptionist/booking-client';
import { reportScheduleId, retentionScheduleId } from '@receptionist/booking-client/messages';
import {
  createBookingCommands,
  createCrmCommands,
  createFollowUpCommands,
  createOutboundCommands,
  createReportSchedules,
  type KnowledgeIndex,
} from '../src/admin/index.ts';
import { generateApiKey } from '../src/admin/api-key.ts';

export interface AdminHarness {
  app: ReturnType<typeof createApp>;
  db: Db;
  /** The app's Redis (its key prefix included). */
  redis: Redis;
  databaseUrl: string;
  temporal: Client;
  /** Creates a key and returns the bearer header value. */
  key(tenantId: string | null, role: ApiKeyRole, opts?: { revoked?: boolean }): Promise<string>;
  tenant(slug?: string): Promise<string>;
  /** The admin API (/admin/v1) as the holder of key, a bearer header value, calls it. */
  api(key: string): AdminApi;
  /** The audit rows about one resource, oldest first (rows as pg returns them, untyped). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any column
  auditFor(resourceId: string): Promise<any[]>;
  close(): Promise<void>;
}

export interface AdminApi {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

let counter = 0;
export const uniqueSlug = (base = 'biz') =>
  `${base}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export interface AdminOptions {
  env?: Record<string, string>;
  knowledgeIndex?: (breakers: ReturnType<typeof createBreakerFactory>) => KnowledgeIndex | null;
  logDestination?: Writable;
}

/** The file's harness: started before the file's tests, closed after them (after `cleanup`). */
export const useAdmin = (
  opts: AdminOptions & Pick<SuiteOptions<AdminHarness>, 'cleanup'> = {},
): AdminHarness =>
  startedForSuite(
    () => startAdmin(opts),
    (h) => h.close(),
    opts,
  );

/** The backend with the admin API on a database and Redis prefix of its own, Temporal real. */
export async function startAdmin(opts: AdminOptions = {}): Promise<AdminHarness> {
  const tdb = await createTestDatabase();
  const tredis = await createTestRedis();
  const config = loadBackendConfig({
    DATABASE_URL: tdb.url,
    REDIS_URL: tredis.url,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
    PUBLIC_BASE_URL: 'https://voice.example.test',
    ...opts.env,
  });
  const logger = createLogger({
    service: 'backend',
    level: opts.logDestination ? 'info' : 'silent',
    ...(opts.logDestination ? { destination: opts.logDestination } : {}),
  });
  const db = createPool({ connectionString: tdb.url, max: 5 });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const metrics = createMetrics('backend');
  const tenants: string[] = [];
  // Erasures started by tests wait on a queue of their own, ended when the harness closes.
  const followUpQueue = `admin-follow-ups-${randomUUID()}`;
  const breakers = createBreakerFactory({ registry: metrics.registry, logger });
  const app = createApp({
    config,
    logger,
    metrics,
    db,
    redis: tredis.client,
    temporalHealth: () => connection.workflowService.getSystemInfo({}),
    admin: {
      bookingCommands: createBookingCommands({
        bookings: createBookingClient({ client: temporal, taskQueue: config.TEMPORAL_TASK_QUEUE }),
        breakers,
        timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
      }),
      knowledgeIndex: opts.knowledgeIndex ? opts.knowledgeIndex(breakers) : null,
      // No worker polls this queue: the tests see campaigns started, none is ever dialled.
      outboundCalls: createOutboundCommands({
        client: temporal,
        taskQueue: `admin-outbound-${uniqueSlug()}`,
        breakers,
        timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
      }),
      crmSync: createCrmCommands({
        client: temporal,
        taskQueue: `admin-crm-${uniqueSlug()}`,
        breakers,
        timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
      }),
      // No worker polls this queue either: ingests are started, none runs.
      knowledgeIngest: createKnowledgeIngestCommands({
        client: temporal,
        taskQueue: `admin-knowledge-${uniqueSlug()}`,
        breakers,
        timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
      }),
      followUps: createFollowUpCommands({
        client: temporal,
        breakers,
        timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
        taskQueue: followUpQueue,
      }),
      reportSchedules: createReportSchedules({
        client: temporal,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        breakers,
        timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
      }),
    },
  });
  return {
    app,
    db,
    redis: tredis.client,
    databaseUrl: tdb.url,
    temporal,
    async key(tenantId, role, keyOpts = {}) {
      const g = generateApiKey();
      const k = await insertApiKey(db, {
        tenantId,
        role,
        name: `${role} key`,
        prefix: g.prefix,
        secretHash: g.secretHash,
      });
      if (keyOpts.revoked) await revokeApiKey(db, { tenantId: null }, k.id);
      return `Bearer ${g.key}`;
    },
    api: (key) => ({
      get: (path) => request(app).get(`/admin/v1${path}`).set('Authorization', key),
      post: (path, body) =>
        request(app).post(`/admin/v1${path}`).set('Authorization', key).send(body),
      patch: (path, body) =>
        request(app).patch(`/admin/v1${path}`).set('Authorization', key).send(body),
      delete: (path) => request(app).delete(`/admin/v1${path}`).set('Authorization', key),
    }),
    async auditFor(resourceId) {
      const { rows } = await db.query(
        'SELECT * FROM audit_log WHERE resource_id = $1 ORDER BY created_at, id',
        [resourceId],
      );
      return rows;
    },
    async tenant(slug = uniqueSlug()) {
      const id = (await createTenant(db, { slug, name: `Business ${slug}` })).id;
      tenants.push(id);
      return id;
    },
    async close() {
      for await (const w of temporal.workflow.list({
        query: `TaskQueue = '${followUpQueue}' AND ExecutionStatus = 'Running'`,
      }))
        await temporal.workflow
          .getHandle(w.workflowId, w.runId)
          .terminate('test finished')
          .catch(() => undefined);
      // Report settings changed in a test leave Schedules on the shared server: remove them.
      for (const id of tenants)
        for (const scheduleId of [
          reportScheduleId(id, 'daily'),
          reportScheduleId(id, 'weekly'),
          retentionScheduleId(id),
        ])
          await temporal.schedule
            .getHandle(scheduleId)
            .delete()
            .catch(() => undefined);
      await connection.close();
      await db.end();
      await tredis.cleanup();
      await tdb.drop();
    },
  };
}
