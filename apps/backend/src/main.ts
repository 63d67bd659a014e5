import { createKnowledgeIngestCommands } from './admin/knowledge-ingest-commands.ts';
import { Client, Connection } from '@temporalio/client';
import { createAgentClient } from '@receptionist/integrations/agent';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { loadBackendConfig, loadOrExit } from '@receptionist/config';
import { createPool, createRedis } from '@receptionist/db';
import { createTenantProfileCache } from '@receptionist/db/tenant-profiles';
import { createLogger, createMetrics, serve } from '@receptionist/observability';
import { createApp } from './app.ts';
import { registerBusinessMetrics } from './business.metrics.ts';
import {
  createBookingCommands,
  createCrmCommands,
  createFollowUpCommands,
  createOutboundCommands,
  createReportSchedules,
} from './admin/index.ts';
import { createPineconeKnowledgeIndex } from '@receptionist/integrations/pinecone-knowledge';
import { createBookingClient } from '@receptionist/booking-client';
import { createStripeGateway } from '@receptionist/integrations/stripe';
import {
  attachRelay,
  temporalChannelWorkflows,
  temporalOutboundCallSignals,
} from './twilio/index.ts';

const config = loadOrExit(loadBackendConfig);
const logger = createLogger({ service: 'backend', level: config.LOG_LEVEL });
const metrics = createMetrics('backend');
const db = createPool({
  connectionString: config.DATABASE_URL,
  max: config.DATABASE_POOL_MAX,
  applicationName: 'backend',
  onError: (err) => logger.warn({ err }, 'idle postgres client lost'),
});
const redis = createRedis(config.REDIS_URL, {
  keyPrefix: config.REDIS_KEY_PREFIX,
  name: 'backend',
});
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
// The voice webhooks' profiles; the admin API's edits are heard at once.
const tenants = createTenantProfileCache({
  db,
  redis,
  onError: (err) => logger.warn({ err }, 'tenant profile subscription error'),
});
// Lazy: the backend starts (and reports not-ready) while Temporal is still coming up.
const temporalConnection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });

registerBusinessMetrics(metrics.registry, db);
const breakers = createBreakerFactory({ registry: metrics.registry, logger });
const temporal = new Client({
  connection: temporalConnection,
  namespace: config.TEMPORAL_NAMESPACE,
});
const bookings = createBookingClient({ client: temporal, taskQueue: config.TEMPORAL_TASK_QUEUE });
const agent = createAgentClient({
  baseUrl: config.AGENT_URL,
  timeoutMs: config.AGENT_TIMEOUT_MS,
  breakers,
  secret: config.AGENT_SHARED_SECRET,
});
const workflows = temporalChannelWorkflows(temporal, config.TEMPORAL_TASK_QUEUE);

const app = createApp({
  config,
  logger,
  metrics,
  db,
  redis,
  temporalHealth: () => temporalConnection.workflowService.getSystemInfo({}),
  admin: {
    bookingCommands: createBookingCommands({
      bookings,
      breakers,
      timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
    }),
    knowledgeIndex: createPineconeKnowledgeIndex(
      {
        apiKey: config.PINECONE_API_KEY,
        index: config.PINECONE_INDEX,
        indexHost: config.PINECONE_INDEX_HOST,
        timeoutMs: config.PINECONE_TIMEOUT_MS,
      },
      breakers,
    ),
    outboundCalls: createOutboundCommands({
      client: temporal,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      breakers,
      timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
    }),
    crmSync: createCrmCommands({
      client: temporal,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      breakers,
      timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
    }),
    knowledgeIngest: createKnowledgeIngestCommands({
      client: temporal,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      breakers,
      timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
    }),
    followUps: createFollowUpCommands({
      client: temporal,
      breakers,
      timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
    }),
    reportSchedules: createReportSchedules({
      client: temporal,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      breakers,
      timeoutMs: config.ADMIN_COMMAND_TIMEOUT_MS,
    }),
  },
  webhooks: {
    bookings,
    stripe:
      config.STRIPE_WEBHOOK_SECRET && config.STRIPE_SECRET_KEY
        ? createStripeGateway({
            secretKey: config.STRIPE_SECRET_KEY,
            apiBaseUrl: config.STRIPE_API_BASE_URL,
            webhookSecret: config.STRIPE_WEBHOOK_SECRET,
            breakers,
          })
        : null,
  },
  twilio: { agent, workflows, tenants, outbound: temporalOutboundCallSignals(temporal) },
});

await serve({
  app,
  port: config.BACKEND_PORT,
  host: config.BIND_HOST,
  logger,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  onServer: (server) =>
    attachRelay(server, { config, logger, metrics, db, redis, tenants, agent, workflows }),
  closers: [
    { name: 'temporal', close: () => temporalConnection.close() },
    { name: 'tenant-profiles', close: () => tenants.close() },
    { name: 'redis', close: () => redis.quit() },
    { name: 'postgres', close: () => db.end() },
  ],
});
