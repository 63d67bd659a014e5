import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Counter } from 'prom-client';
import { ensureCalendarReconcileSchedule } from '@receptionist/booking-client/calendar-reconcile-schedule';
import { loadOrExit, loadWorkerConfig } from '@receptionist/config';
import { createLimits } from '@receptionist/db';
import { openServiceStores } from '@receptionist/db/service-stores';
import { budgetExceededCounter } from '@receptionist/observability';
import { startConfiguredService } from '@receptionist/observability/process';
import { createAgentClient } from '@receptionist/integrations/agent';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createOutboundVoice } from '@receptionist/integrations/voice';
import { createHubSpotCrm, createSignedWebhookSender } from '@receptionist/integrations/crm';
import { pineconeKnowledgeIndexFromEnv } from '@receptionist/integrations/pinecone-knowledge';
import { createActivities } from './activities/index.ts';
import { createClaudeCallAnalyst } from './activities/call-analysis.claude.ts';
import { createBookingIntegrations } from './integrations.ts';
import { createHealthApp } from './health.ts';
import { workflowSource } from './worker-options.ts';

const config = loadOrExit(loadWorkerConfig);
const proc = startConfiguredService('worker', config);
const { logger, metrics } = proc;
// Our shutdown owns SIGTERM so the health server, the worker and the pools stop in order.
Runtime.install({
  shutdownSignals: [],
  logger: new DefaultLogger('INFO', ({ level, message, meta }) => {
    const method =
      level === 'ERROR' ? 'error' : level === 'WARN' ? 'warn' : level === 'INFO' ? 'info' : 'debug';
    logger[method]({ temporal: meta }, message);
  }),
});
// The booking activities' profiles come from the stores' tenant cache.
const { db, redis, tenants } = openServiceStores({
  config,
  service: 'worker',
  logger,
  onShutdown: proc.onShutdown,
});

const breakers = createBreakerFactory({ registry: metrics.registry, logger });
// What the hourly calendar reconcile found out of step with Cal.com, by kind.
const reconcileMismatches = new Counter({
  name: 'calendar_reconcile_mismatches_total',
  help: 'Bookings out of step between us and Cal.com, by kind, summed over reconcile runs',
  labelNames: ['kind'] as const,
  registers: [metrics.registry],
});
const integrations = createBookingIntegrations({ config, db, logger, breakers });
proc.onShutdown('smtp', async () => integrations.mailer.close());
const channel = {
  breakers,
  agent: createAgentClient({
    baseUrl: config.AGENT_URL,
    timeoutMs: config.AGENT_TIMEOUT_MS,
    breakers,
    secret: config.AGENT_SHARED_SECRET,
  }),
  sender: integrations.sms,
  mailer: integrations.mailer,
  // Spend caps and rates, shared with the backend through Redis; refusals are the alert metric.
  limits: createLimits({
    redis,
    db,
    onExceeded: (tenant, kind) => budgetExceededCounter(metrics.registry).inc({ tenant, kind }),
  }),
  slackBaseUrl: config.SLACK_WEBHOOK_BASE_URL,
};

async function connectTemporal(): Promise<NativeConnection> {
  // Temporal may still be starting (compose, deploys); keep trying instead of crash-looping.
  for (let attempt = 1; ; attempt++) {
    try {
      return await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    } catch (err) {
      logger.warn({ attempt, err: (err as Error).message }, 'temporal not reachable yet');
      await new Promise((r) => setTimeout(r, Math.min(attempt * 500, 5_000)));
    }
  }
}

// Filled once Temporal is reachable; the health server and shutdown read them before that too.
const state: { worker?: Worker; connection?: NativeConnection; running?: Promise<void> } = {};

const health = createHealthApp({
  logger,
  metrics,
  db,
  redis,
  temporalHealth: async () => {
    if (!state.connection) throw new Error('not connected');
    return state.connection.workflowService.getSystemInfo({});
  },
  workerState: () => state.worker?.getState() ?? 'STARTING',
});

// Stop polling, let in-flight activities and workflow tasks finish, then release connections.
proc.onShutdown('temporal-worker', async () => {
  if (state.worker?.getState() === 'RUNNING') state.worker.shutdown();
  await state.running;
  await state.connection?.close();
});
await proc.listen({ app: health, port: config.WORKER_HTTP_PORT, host: config.BIND_HOST });

state.connection = await connectTemporal();
state.worker = await Worker.create({
  connection: state.connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  ...workflowSource(config.WORKFLOW_BUNDLE_PATH),
  activities: createActivities({
    db,
    redis,
    tenants,
    logger,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    ...integrations,
    channel,
    outbound: {
      voice:
        config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN
          ? createOutboundVoice({
              breakers,
              twilio: {
                accountSid: config.TWILIO_ACCOUNT_SID,
                authToken: config.TWILIO_AUTH_TOKEN,
                apiBaseUrl: config.TWILIO_API_BASE_URL,
              },
              timeoutMs: config.TWILIO_TIMEOUT_MS,
            })
          : null,
      limits: channel.limits,
      publicBaseUrl: config.PUBLIC_BASE_URL,
    },
    onReconciled: (m) => {
      for (const [kind, n] of Object.entries(m)) reconcileMismatches.inc({ kind }, n);
    },
    crm: {
      hubspot: createHubSpotCrm({ breakers, basePath: config.HUBSPOT_API_BASE_URL }),
      webhooks: createSignedWebhookSender({ breakers }),
      publicBaseUrl: config.PUBLIC_BASE_URL,
    },
    // The document ingest's entries reach the index the agent searches; no key, built-in only.
    knowledgeIndex: pineconeKnowledgeIndexFromEnv(config, breakers),
    analyst: config.ANTHROPIC_API_KEY
      ? createClaudeCallAnalyst({
          apiKey: config.ANTHROPIC_API_KEY,
          baseUrl: config.ANTHROPIC_BASE_URL,
          model: config.ANTHROPIC_ANALYSIS_MODEL,
          timeoutMs: config.ANTHROPIC_ANALYSIS_TIMEOUT_MS,
          breakers,
          logger,
        })
      : null,
  }),
  shutdownGraceTime: '8 seconds',
  // A workflow's next task waits this long for the worker that ran its last one (its cache)
  // before any worker takes it: a crashed worker's bookings move on in seconds, not the SDK's 10.
  stickyQueueScheduleToStartTimeout: '3 seconds',
});
logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'temporal worker running');
// The reconcile's Schedule exists once per deployment; every worker start makes sure of it.
void Connection.connect({ address: config.TEMPORAL_ADDRESS })
  .then(async (connection) => {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    await ensureCalendarReconcileSchedule(client, config.TEMPORAL_TASK_QUEUE);
    await connection.close();
  })
  .catch((err: unknown) => logger.warn({ err }, 'calendar reconcile schedule not ensured'));
state.running = state.worker.run();
await state.running;
