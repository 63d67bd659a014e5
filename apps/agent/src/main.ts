import { Client, Connection } from '@temporalio/client';
import { createBookingClient } from '@receptionist/booking-client';
import { exportTracingEnv, loadAgentConfig, loadOrExit } from '@receptionist/config';
import { openServiceStores } from '@receptionist/db/service-stores';
import { startConfiguredService } from '@receptionist/observability/process';
import { createApp } from './app.ts';
import { createAgentRuntime } from './runtime.ts';

const config = loadOrExit(loadAgentConfig);
exportTracingEnv(config);
const proc = startConfiguredService('agent', config);
const { logger, metrics } = proc;
// Profile edits published by the admin API reach the next turn through the stores' tenant cache.
const { db, redis, tenants } = openServiceStores({
  config,
  service: 'agent',
  logger,
  onShutdown: proc.onShutdown,
});
const temporalConnection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
proc.onShutdown('temporal', () => temporalConnection.close());
// Bookings made on a call or by text run the Booking workflow, like every other booking.
const bookingClient = createBookingClient({
  client: new Client({ connection: temporalConnection, namespace: config.TEMPORAL_NAMESPACE }),
  taskQueue: config.TEMPORAL_TASK_QUEUE,
});

const runtime = await createAgentRuntime({
  config,
  logger,
  metrics,
  db,
  redis,
  tenants,
  bookingClient,
});

const app = createApp({
  turns: runtime.turns,
  config,
  logger,
  metrics,
  db,
  redis,
  temporalHealth: () => temporalConnection.workflowService.getSystemInfo({}),
});

await proc.listen({ app, port: config.AGENT_PORT, host: config.BIND_HOST });
