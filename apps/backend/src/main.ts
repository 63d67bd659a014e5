import { createKnowledgeIngestCommands } from './admin/knowledge-ingest-commands.ts';
import { Client, Connection } from '@temporalio/client';
import { createAgentClient } from '@receptionist/integrations/agent';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { loadBackendConfig, loadOrExit } from '@receptionist/config';
import { openServiceStores } from '@receptionist/db/service-stores';
import { startConfiguredService } from '@receptionist/observability/process';
import { createApp } from './app.ts';
import { registerBusinessMetrics } from './business.metrics.ts';
import {
  createBookingCommands,
  createCrmCommands,
  createFollowUpCommands,
  createOutboundCommands,
  createReportSchedules,
} from './admin/index.ts';
import { pineconeKnowledgeIndexFromEnv } from '@receptionist/integrations/pinecone-knowledge';
import { createBookingClient } from '@receptionist/booking-client';
import { createStripeGateway } from '@receptionist/integrations/stripe';
import {
  attachRelay,
  temporalChannelWorkflows,
  temporalOutboundCallSignals,
} from './twilio/index.ts';

const config = loadOrExit(loadBackendConfig);
const proc = startConfiguredService('backend', config);
const { logger, metrics } = proc;
// The voice webhooks' profiles come from the stores' tenant cache.
const { db, redis, tenants } = openServiceStores({
  config,
  service: 'backend',
  logger,
  onShutdown: proc.onShutdown,
});
// Lazy: the backend starts (and reports not-ready) while Temporal is still coming up.
const temporalConnection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
proc.onShutdown('temporal', () => temporalConnection.close());

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
    knowledgeIndex: pineconeKnowledgeIndexFromEnv(config, breakers),
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

await proc.listen({
  app,
  port: config.BACKEND_PORT,
  host: config.BIND_HOST,
  onServer: (server) =>
    attachRelay(server, { config, logger, metrics, db, redis, tenants, agent, workflows }),
});
