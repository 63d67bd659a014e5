// The whole product on loopback for the scenarios: the test rig's channel stack (real backend,
// Temporal worker, stripe-mock for deposits) and the real agent service on the real clock, on a
// database copied from the migrated template.
import { createBookingClient, type BookingClient } from '@receptionist/booking-client';
import { ensureTemplateDatabase } from '@receptionist/db/test-template';
import { freePort } from '@receptionist/testing';
import { startAgentService } from '../test/agent-service.ts';
import { PUBLIC_BASE_URL, startChannelStack, type ChannelStack } from '../test/channel-stack.ts';
import type { TwilioTarget } from './twilio-caller.ts';

export interface ScenarioStack {
  stack: ChannelStack;
  bookings: BookingClient;
  target: TwilioTarget;
  close(): Promise<void>;
}

export async function startScenarioStack(opts: {
  stripe: boolean;
  agentTimeoutMs: number;
  bookingWaitMs: number;
  keepDatabase: boolean;
  /** Extra agent settings: the Claude path's key and Messages API. */
  agentEnv?: Record<string, string>;
}): Promise<ScenarioStack> {
  const { name: template } = await ensureTemplateDatabase();
  const port = await freePort();
  const stack = await startChannelStack({
    agentUrl: `http://127.0.0.1:${port}`,
    agentTimeoutMs: opts.agentTimeoutMs,
    stripe: opts.stripe,
    template,
  });
  const agent = await startAgentService(
    stack,
    port,
    {
      AGENT_BOOKING_WAIT_MS: String(opts.bookingWaitMs),
      // The agent offers a deposit booking only where a payments provider is configured; the
      // worker's is stripe-mock, under the channel stack's test key.
      ...(opts.stripe ? { STRIPE_SECRET_KEY: 'sk_test_123' } : {}),
      ...opts.agentEnv,
    },
    () => new Date(),
  );
  const bookings = createBookingClient({ client: stack.temporal, taskQueue: stack.taskQueue });
  return {
    stack,
    bookings,
    target: {
      baseUrl: stack.baseUrl,
      publicBaseUrl: PUBLIC_BASE_URL,
      authToken: stack.config.TWILIO_AUTH_TOKEN!,
    },
    async close() {
      await stopWorkflows(stack);
      await agent.close();
      if (opts.keepDatabase) {
        // close() drops the database; keep it for a look with psql by closing around it.
        process.stdout.write(`database kept: ${stack.tdb.url}\n`);
        stack.tdb.drop = async () => stack.tdb.pool.end();
      }
      await stack.close();
    },
  };
}

/** Booking workflows wait days for reminders and SMS threads idle for minutes: end them now. */
async function stopWorkflows(stack: ChannelStack): Promise<void> {
  const ids = new Set<string>();
  try {
    const running = stack.temporal.workflow.list({
      query: `TaskQueue = '${stack.taskQueue}' AND ExecutionStatus = 'Running'`,
    });
    for await (const w of running) ids.add(w.workflowId);
  } catch {
    // Visibility unavailable: the booking rows still name their workflows.
  }
  const rows = await stack.tdb.pool
    .query('SELECT workflow_id FROM bookings WHERE workflow_id IS NOT NULL')
    .catch(() => ({ rows: [] as { workflow_id: string }[] }));
  for (const r of rows.rows as { workflow_id: string }[]) ids.add(r.workflow_id);
  await Promise.all(
    [...ids].map((id) =>
      stack.temporal.workflow
        .getHandle(id)
        .terminate('scenario run finished')
        .catch(() => undefined),
    ),
  );
}
