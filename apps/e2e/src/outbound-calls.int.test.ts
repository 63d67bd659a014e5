// Outbound calls end to end: a campaign workflow on the real Temporal server, its activities on
// Postgres, the real twilio SDK placing calls on a local stand-in of Twilio's Calls API, and the
// backend's signed webhooks receiving the stand-in's answer, AMD and status callbacks (signed as
// Twilio signs, X-Twilio-Signature over our public URL) and signalling the workflows.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import {
  CAMPAIGN_WORKFLOW,
  DEFAULT_OUTBOUND_POLICY,
  campaignWorkflowId,
  outboundCallQuery,
  outboundCallWorkflowId,
  type CampaignView,
  type OutboundCallView,
  type OutboundPolicy,
} from '@receptionist/booking-client/messages';
import { loadBackendConfig } from '@receptionist/config';
import {
  assignPhoneNumber,
  createLimits,
  createOutboundCampaign,
  createTenant,
  listOutboundTargets,
  upsertContactByPhone,
  type Db,
} from '@receptionist/db';
import { DEFAULT_CALLING_HOURS, msUntilCallingHours } from '@receptionist/domain';
import { createAgentClient } from '@receptionist/integrations/agent';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createOutboundVoice } from '@receptionist/integrations/voice';
import { createLogger, createMetrics } from '@receptionist/observability';
import {
  createTestDatabase,
  createTestRedis,
  startTwilioCallsStandIn,
  twilioSignatureFor,
  type ScriptedCall,
  type TestDatabase,
  type TestRedis,
  type TwilioCallsStandIn,
} from '@receptionist/testing';
import { createActivities } from '@receptionist/worker/activities';
import { createBookingIntegrations } from '@receptionist/worker/integrations';
import { WORKFLOWS_PATH } from '@receptionist/worker/worker-options';
import { createApp } from '@receptionist/backend/app';
import {
  temporalChannelWorkflows,
  temporalOutboundCallSignals,
} from '@receptionist/backend/twilio';

/** An Etc/GMT zone where the local time now is (or is not) inside the default calling hours. */
function zoneWhere(inside: boolean): string {
  const now = new Date();
  for (let n = -12; n <= 12; n++) {
    const zone = n === 0 ? 'Etc/GMT' : n > 0 ? `Etc/GMT+${n}` : `Etc/GMT${n}`;
    const wait = msUntilCallingHours(now, zone, DEFAULT_CALLING_HOURS);
    const later = msUntilCallingHours(
      new Date(now.getTime() + 2 * 3_600_000),
      zone,
      DEFAULT_CALLING_HOURS,
    );
    if (inside ? wait === 0 && later === 0 : wait > 2 * 3_600_000) return zone;
  }
  throw new Error('no zone found');
}

let tdb: TestDatabase;
let redis: TestRedis;
let twilio: TwilioCallsStandIn;
let server: Server;
let baseUrl: string;
let temporal: Client;
let connection: Connection;
let workerConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let tenantId: string;
const taskQueue = `outbound-e2e-${randomBytes(5).toString('hex')}`;
const BUSINESS = `+1415${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
const scripts = new Map<string, ScriptedCall>();
const started: string[] = [];
let seq = 0;
const phone = () =>
  `+1628${String(Math.floor(Math.random() * 900) + 100)}${String(++seq).padStart(4, '0')}`;

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed by another file of this process.
  }
  [tdb, redis, twilio] = await Promise.all([
    createTestDatabase(),
    createTestRedis(),
    startTwilioCallsStandIn({ script: (to) => scripts.get(to) ?? {} }),
  ]);
  const db = tdb.pool as unknown as Db;
  server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadBackendConfig({
    DATABASE_URL: tdb.url,
    REDIS_URL: redis.url,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    PUBLIC_BASE_URL: baseUrl,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    AGENT_URL: 'http://127.0.0.1:9',
    AGENT_TIMEOUT_MS: '300',
  });
  const logger = createLogger({ service: 'outbound-test', level: 'silent' });
  const metrics = createMetrics('backend');
  const breakers = createBreakerFactory({ registry: metrics.registry, logger });
  connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  temporal = new Client({ connection });
  server.on(
    'request',
    createApp({
      config,
      logger,
      metrics,
      db,
      redis: redis.client,
      temporalHealth: async () => undefined,
      twilio: {
        agent: createAgentClient({ baseUrl: config.AGENT_URL, timeoutMs: 300, breakers }),
        workflows: temporalChannelWorkflows(temporal, taskQueue),
        outbound: temporalOutboundCallSignals(temporal),
      },
    }),
  );

  const tenant = await createTenant(db, {
    slug: `out-${randomUUID().slice(0, 8)}`,
    name: 'Bright Smile',
    timezone: zoneWhere(true),
    languages: ['en-US'],
  });
  tenantId = tenant.id;
  await assignPhoneNumber(db, tenantId, BUSINESS);

  const workerBreakers = createBreakerFactory({
    registry: createMetrics('worker').registry,
    logger,
  });
  const integrations = createBookingIntegrations({
    config: { CALCOM_API_BASE_URL: 'http://127.0.0.1:9' },
    db,
    logger,
    breakers: workerBreakers,
  });
  workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: createActivities({
      db,
      redis: redis.client,
      logger,
      publicBaseUrl: baseUrl,
      ...integrations,
      channel: {
        breakers: workerBreakers,
        agent: createAgentClient({
          baseUrl: 'http://127.0.0.1:9',
          timeoutMs: 300,
          breakers: workerBreakers,
        }),
        sender: integrations.sms,
        mailer: integrations.mailer,
      },
      outbound: {
        voice: createOutboundVoice({
          breakers: workerBreakers,
          twilio: {
            accountSid: twilio.accountSid,
            authToken: twilio.authToken,
            apiBaseUrl: twilio.url,
          },
        }),
        limits: createLimits({ redis: redis.client, db }),
        publicBaseUrl: baseUrl,
      },
    }),
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  for (const id of started)
    await temporal.workflow
      .getHandle(id)
      .terminate('test finished')
      .catch(() => undefined);
  worker?.shutdown();
  await running;
  await workerConnection?.close();
  await connection?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await twilio?.close();
  await redis?.cleanup();
  await tdb?.drop();
});

async function contact(c: {
  consent?: boolean;
  customer?: boolean;
  optedOut?: boolean;
  timezone?: string;
  script?: ScriptedCall;
}) {
  const number = phone();
  const row = await upsertContactByPhone(tdb.pool, tenantId, number);
  await tdb.pool.query(
    `UPDATE contacts SET call_consent_at = CASE WHEN $3 THEN now() END, opted_out = $4,
            timezone = $5, name = 'Ada Lovelace' WHERE tenant_id = $1 AND id = $2`,
    [tenantId, row.id, c.consent ?? false, c.optedOut ?? false, c.timezone ?? null],
  );
  if (c.customer) {
    await tdb.pool.query(
      `INSERT INTO bookings (tenant_id, contact_id, status, starts_at, ends_at)
       VALUES ($1, $2, 'completed', now() - interval '30 days', now() - interval '30 days' + interval '30 minutes')`,
      [tenantId, row.id],
    );
  }
  if (c.script) scripts.set(number, c.script);
  return { id: row.id, phone: number };
}

async function startCampaign(contactIds: string[], policy: Partial<OutboundPolicy>) {
  const p = { ...DEFAULT_OUTBOUND_POLICY, numberSpacingMs: 200, retryDelayMs: 500, ...policy };
  const { campaign } = await createOutboundCampaign(tdb.pool, tenantId, {
    kind: 'campaign',
    purpose: 'reminder',
    policy: { ...p },
    contactIds,
  });
  const handle = await temporal.workflow.start(CAMPAIGN_WORKFLOW, {
    taskQueue,
    workflowId: campaignWorkflowId(campaign.id),
    args: [{ tenantId, campaignId: campaign.id, policy: p }],
  });
  started.push(handle.workflowId);
  return { campaign, handle };
}

const callsTo = (number: string) => twilio.calls.filter((c) => c.to === number);

describe('outbound campaign through Twilio with answering-machine detection', () => {
  it('reaches a person, leaves a voicemail on a machine, skips who may not be called, retries no answer', async () => {
    const human = await contact({ customer: true, script: { answeredBy: 'human' } });
    const machine = await contact({ consent: true, script: { answeredBy: 'machine_end_beep' } });
    const stranger = await contact({ script: { answeredBy: 'human' } });
    const stopped = await contact({
      customer: true,
      optedOut: true,
      script: { answeredBy: 'human' },
    });
    const away = await contact({ consent: true, script: { unanswered: 'no-answer' } });
    const all = [human, machine, stranger, stopped, away];
    const { campaign, handle } = await startCampaign(
      all.map((c) => c.id),
      { maxAttempts: 2, concurrency: 5 },
    );
    const view = (await handle.result()) as CampaignView;
    expect(view).toMatchObject({ total: 5, started: 5, finished: 5, cancelled: false });
    expect(view.outcomes).toEqual({
      human: 1,
      voicemail: 1,
      no_consent: 1,
      opted_out: 1,
      no_answer: 1,
    });

    const targets = await listOutboundTargets(tdb.pool, tenantId, campaign.id);
    const outcome = (c: { id: string }) => targets.find((t) => t.contactId === c.id)!;
    expect(outcome(human)).toMatchObject({ status: 'done', outcome: 'human', attempts: 1 });
    expect(outcome(machine)).toMatchObject({ outcome: 'voicemail', attempts: 1 });
    expect(outcome(stranger)).toMatchObject({ outcome: 'no_consent', attempts: 0 });
    expect(outcome(stopped)).toMatchObject({ outcome: 'opted_out', attempts: 0 });
    expect(outcome(away)).toMatchObject({ outcome: 'no_answer', attempts: 2 });

    // Nobody without consent or after STOP was dialled; no answer was dialled twice.
    expect(callsTo(stranger.phone)).toHaveLength(0);
    expect(callsTo(stopped.phone)).toHaveLength(0);
    expect(callsTo(away.phone)).toHaveLength(2);

    const [machineCall] = callsTo(machine.phone);
    expect(machineCall!.params).toMatchObject({
      From: BUSINESS,
      MachineDetection: 'DetectMessageEnd',
      AsyncAmd: 'true',
    });
    expect(machineCall!.params.AsyncAmdStatusCallback).toContain(
      `${baseUrl}/twilio/voice/outbound/amd?`,
    );
    // The voicemail after the beep, once, in the business's language, then the line hangs up.
    expect(machineCall!.updates).toHaveLength(1);
    expect(machineCall!.updates[0]).toMatch(
      /<Say language="en-US">Hello Ada, this is Bright Smile calling about your upcoming appointment\./,
    );
    expect(machineCall!.updates[0]).toContain('<Hangup/>');
    // The person got no voicemail; the answer went to the agent's call flow, filed as outbound.
    const [humanCall] = callsTo(human.phone);
    expect(humanCall!.updates).toHaveLength(0);
    for (const cb of [...humanCall!.callbacks, ...machineCall!.callbacks])
      expect(cb.status).toBe(200);
    const { rows } = await tdb.pool.query(
      `SELECT direction, from_number, to_number FROM calls WHERE tenant_id = $1 AND call_sid = $2`,
      [tenantId, humanCall!.sid],
    );
    expect(rows).toEqual([
      { direction: 'outbound', from_number: human.phone, to_number: BUSINESS },
    ]);
  });

  it('waits for the morning in the contact’s own time zone before calling', async () => {
    const sleeper = await contact({
      consent: true,
      timezone: zoneWhere(false),
      script: { answeredBy: 'human' },
    });
    const { campaign } = await startCampaign([sleeper.id], {});
    const [target] = await listOutboundTargets(tdb.pool, tenantId, campaign.id);
    const child = temporal.workflow.getHandle(outboundCallWorkflowId(target!.id));
    started.push(child.workflowId);
    let view: OutboundCallView | null = null;
    for (let i = 0; i < 100 && view?.phase !== 'waiting'; i++) {
      view = await child.query(outboundCallQuery).catch(() => null);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(view?.phase).toBe('waiting');
    expect(Date.parse(view!.waitingUntil!) - Date.now()).toBeGreaterThan(2 * 3_600_000);
    expect(callsTo(sleeper.phone)).toHaveLength(0);
  });

  it('refuses an AMD callback that Twilio did not sign', async () => {
    const url = `${baseUrl}/twilio/voice/outbound/amd?tenant=${tenantId}&wf=${outboundCallWorkflowId(randomUUID())}`;
    const params = { CallSid: `CA${'1'.repeat(32)}`, AnsweredBy: 'machine_end_beep' };
    const post = (signature: string) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
        },
        body: new URLSearchParams(params).toString(),
      });
    expect((await post(twilioSignatureFor('not-the-token', url, params))).status).toBe(403);
    // Correctly signed, for a workflow that is not running: acknowledged, nothing happens.
    expect((await post(twilioSignatureFor(twilio.authToken, url, params))).status).toBe(200);
  });
});
