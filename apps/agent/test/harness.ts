import request from 'supertest';
import { loadAgentConfig, type AgentConfig } from '@receptionist/config';
import { seedDemoTenant } from '@receptionist/db';
import type { TurnRequest, TurnResponse } from '@receptionist/domain';
import { createLogger, createMetrics } from '@receptionist/observability';
import {
  createTestDatabase,
  createTestRedis,
  type TestDatabase,
  type TestRedis,
} from '@receptionist/testing';
import { createApp } from '../src/app.ts';
import type { ConversationState } from '../src/graph/conversation-state.annotation.ts';
import type { BookingGateway } from '../src/booking/booking.gateway.ts';
import { createBuiltinBookingGateway } from './builtin-booking.gateway.ts';
import { createAgentRuntime, type AgentRuntime } from '../src/runtime.ts';
import { startedForSuite } from '@receptionist/testing/suite';

/** Monday 4 March 2030, 8:00 in New York: "tomorrow at 10" is a Tuesday inside opening hours. */
export const NOW = new Date('2030-03-04T13:00:00Z');
export const CALLER = '+14155550123';

export interface Harness {
  db: TestDatabase;
  redis: TestRedis;
  tenantId: string;
  close(): Promise<void>;
}

/** The file's harness (the demo business seeded): started before its tests, closed after them. */
export const useHarness = (): Harness => startedForSuite(startHarness, (h) => h.close());

/** An agent on the file's harness, started once the harness is (before the file's tests). */
export const useAgent = (h: Harness, env: () => Record<string, string> = () => ({})) =>
  startedForSuite(
    () => startAgent(h, env()),
    async () => undefined,
  );

export async function startHarness(): Promise<Harness> {
  const db = await createTestDatabase();
  const redis = await createTestRedis();
  const { tenantId } = await seedDemoTenant(db.pool);
  return {
    db,
    redis,
    tenantId,
    async close() {
      await redis.cleanup();
      await db.drop();
    },
  };
}

/** The built-in booking gateway on the harness's database, wired as the runtime wires it. */
export function builtinBookings(h: Harness): BookingGateway {
  return createBuiltinBookingGateway({ db: h.db.pool, now: () => NOW });
}

export interface AgentUnderTest {
  app: ReturnType<typeof createApp>;
  runtime: AgentRuntime;
  config: AgentConfig;
  brain: 'claude' | 'offline';
}

/** A fresh agent process on the harness's database and Redis: what a restart or another replica is. */
export async function startAgent(
  h: Harness,
  env: Record<string, string> = {},
  opts: { bookings?: BookingGateway; paymentsAvailable?: boolean } = {},
): Promise<AgentUnderTest> {
  const config = loadAgentConfig({
    DATABASE_URL: h.db.url,
    REDIS_URL: h.redis.url,
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    ...env,
  });
  const logger = createLogger({ service: 'agent', level: 'silent' });
  const metrics = createMetrics('agent');
  const runtime = await createAgentRuntime({
    config,
    logger,
    metrics,
    db: h.db.pool,
    redis: h.redis.client,
    // The agent's own tests book on Postgres; the booking workflow path is tested in apps/e2e.
    bookings: opts.bookings ?? builtinBookings(h),
    // The built-in gateway holds deposit bookings as pending_payment without a payments provider.
    paymentsAvailable: opts.paymentsAvailable ?? true,
    now: () => NOW,
  });
  const app = createApp({
    config,
    logger,
    metrics,
    db: h.db.pool,
    redis: h.redis.client,
    temporalHealth: async () => undefined,
    turns: runtime.turns,
  });
  return { app, config, brain: runtime.brain, runtime };
}

export function conversation(
  agent: AgentUnderTest,
  h: Harness,
  conversationId: string,
  defaults: Partial<TurnRequest> = {},
) {
  return async (text: string, extra: Partial<TurnRequest> = {}): Promise<TurnResponse> => {
    const res = await request(agent.app)
      .post('/v1/turns')
      .send({
        tenantId: h.tenantId,
        conversationId,
        channel: 'voice',
        text,
        callerPhone: CALLER,
        ...defaults,
        ...extra,
      });
    if (res.status !== 200)
      throw new Error(`turn failed ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as TurnResponse;
  };
}

export async function conversationState(agent: AgentUnderTest, h: Harness, conversationId: string) {
  const snap = await agent.runtime.graph.getState({
    configurable: { thread_id: `${h.tenantId}:${conversationId}` },
  });
  return snap.values as ConversationState;
}

export async function bookingsOf(h: Harness) {
  const { rows } = await h.db.pool.query(
    `SELECT id, service, status, starts_at, deposit_amount_minor FROM bookings WHERE tenant_id = $1 ORDER BY starts_at`,
    [h.tenantId],
  );
  return rows as {
    id: string;
    service: string;
    status: string;
    starts_at: Date;
    deposit_amount_minor: number;
  }[];
}
