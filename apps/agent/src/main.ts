import { Client, Connection } from '@temporalio/client';
import { createBookingClient } from '@receptionist/booking-client';
import { exportTracingEnv, loadAgentConfig, loadOrExit } from '@receptionist/config';
import { createPool, createRedis } from '@receptionist/db';
import { createTenantProfileCache } from '@receptionist/db/tenant-profiles';
import { createLogger, createMetrics, serve } from '@receptionist/observability';
import { createApp } from './app.ts';
import { createAgentRuntime } from './runtime.ts';

const config = loadOrExit(loadAgentConfig);
exportTracingEnv(config);
const logger = createLogger({ service: 'agent', level: config.LOG_LEVEL });
const metrics = createMetrics('agent');
const db = createPool({
  connectionString: config.DATABASE_URL,
  max: config.DATABASE_POOL_MAX,
  applicationName: 'agent',
  onError: (err) => logger.warn({ err }, 'idle postgres client lost'),
});
const redis = createRedis(config.REDIS_URL, { keyPrefix: config.REDIS_KEY_PREFIX, name: 'agent' });
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
// Profile edits published by the admin API reach the next turn.
const tenants = createTenantProfileCache({
  db,
  redis,
  onError: (err) => logger.warn({ err }, 'tenant profile subscription error'),
});
const temporalConnection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
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

await serve({
  app,
  port: config.AGENT_PORT,
  host: config.BIND_HOST,
  logger,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  closers: [
    { name: 'temporal', close: () => temporalConnection.close() },
    { name: 'tenant-profiles', close: () => tenants.close() },
    { name: 'redis', close: () => redis.quit() },
    { name: 'postgres', close: () => db.end() },
  ],
});
