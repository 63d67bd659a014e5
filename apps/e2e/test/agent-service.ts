// The real agent service (its own createApp and runtime) on the channel stack's database and
// Redis, listening where the backend's AGENT_URL points, booking through the stack's Temporal
// worker. Without ANTHROPIC_API_KEY it runs the deterministic offline brain.
import { createServer } from 'node:http';
import { createBookingClient } from '@receptionist/booking-client';
import { createApp as createAgentApp } from '@receptionist/agent/app';
import { createAgentRuntime, type AgentRuntime } from '@receptionist/agent/runtime';
import { loadAgentConfig } from '@receptionist/config';
import { createLogger, createMetrics } from '@receptionist/observability';
import { freePort } from '@receptionist/testing';
import { readThrough, startedForSuite } from '@receptionist/testing/suite';
import { startChannelStack, type ChannelStack } from './channel-stack.ts';

/** Monday 4 March 2030, 8:00 in New York: "tomorrow at 10" is a Tuesday inside opening hours. */
export const AGENT_NOW = new Date('2030-03-04T13:00:00Z');

export async function startAgentService(
  stack: ChannelStack,
  port: number,
  env: Record<string, string> = {},
  /** The agent's clock; the tests' fixed Monday unless the caller lives in real time. */
  now: () => Date = () => AGENT_NOW,
): Promise<{ runtime: AgentRuntime; close(): Promise<void> }> {
  const config = loadAgentConfig({
    DATABASE_URL: stack.tdb.url,
    REDIS_URL: stack.redis.url,
    TEMPORAL_ADDRESS: stack.config.TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: stack.taskQueue,
    CALCOM_API_BASE_URL: stack.calcomUrl,
    // The secret the stack's backend and worker present; the agent refuses turns without it.
    ...(stack.config.AGENT_SHARED_SECRET
      ? { AGENT_SHARED_SECRET: stack.config.AGENT_SHARED_SECRET }
      : {}),
    ...env,
  });
  const logger = createLogger({ service: 'agent', level: 'silent' });
  const metrics = createMetrics('agent');
  const runtime = await createAgentRuntime({
    config,
    logger,
    metrics,
    db: stack.tdb.pool,
    redis: stack.redis.client,
    bookingClient: createBookingClient({
      client: stack.temporal,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
    }),
    now,
  });
  const app = createAgentApp({
    config,
    logger,
    metrics,
    db: stack.tdb.pool,
    redis: stack.redis.client,
    temporalHealth: async () => undefined,
    turns: runtime.turns,
  });
  const server = createServer(app);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    runtime,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type AgentService = Awaited<ReturnType<typeof startAgentService>>;

/**
 * The channel stack answered by the real agent service, without a deposit so that a booking is
 * confirmed on the call itself. The agent waits 12 s for the booking workflow's answer: it
 * competes for two cores with the other test files, and production's 8 s is a budget for a quiet
 * server, not for this box.
 */
export async function startAnsweredStack(
  opts: { stripe?: boolean } = {},
): Promise<{ stack: ChannelStack; agent: AgentService }> {
  const port = await freePort();
  const stack = await startChannelStack({
    agentUrl: `http://127.0.0.1:${port}`,
    agentTimeoutMs: 8_000,
    ...opts,
  });
  // A stack that takes deposits gives the agent the Stripe key too: it offers no deposit booking
  // without one.
  const agent = await startAgentService(stack, port, {
    AGENT_BOOKING_WAIT_MS: '12000',
    ...(opts.stripe ? { STRIPE_SECRET_KEY: 'sk_test_123' } : {}),
  });
  await stack.tdb.pool.query('UPDATE tenants SET deposit_required = false WHERE id = $1', [
    stack.tenantId,
  ]);
  return { stack, agent };
}

/** The file's answered stack: started before its tests (in up to 120 s), stopped after them. */
export function useAnsweredStack(opts: { stripe?: boolean } = {}) {
  const both = startedForSuite(
    () => startAnsweredStack(opts),
    ({ stack, agent }) => stopAnsweredStack(stack, agent),
    { timeoutMs: 120_000 },
  );
  return { stack: readThrough(() => both.stack), agent: readThrough(() => both.agent) };
}

/**
 * Stops what startAnsweredStack started, also when it failed halfway. The bookings' workflows
 * wait for reminders in 2030: they are terminated first, or they would outlive the stack.
 */
export async function stopAnsweredStack(stack?: ChannelStack, agent?: AgentService) {
  const { rows } = stack
    ? await stack.tdb.pool
        .query<{ workflow_id: string }>(
          'SELECT workflow_id FROM bookings WHERE workflow_id IS NOT NULL',
        )
        .catch(() => ({ rows: [] }))
    : { rows: [] };
  for (const b of rows)
    await stack!.temporal.workflow
      .getHandle(b.workflow_id)
      .terminate('test finished')
      .catch(() => undefined);
  await agent?.close();
  await stack?.close();
}
