// The CRM sync on the real Temporal server and Postgres: the real @hubspot/api-client against a
// local stand-in of HubSpot's CRM v3 API, and a local receiver for the signed webhook.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import {
  CRM_SYNC_WORKFLOW,
  crmBackfillWorkflowId,
  crmSyncScheduleId,
  type CrmSyncProgress,
} from '@receptionist/booking-client/messages';
import {
  ensureCrmSyncSchedule,
  removeCrmSyncSchedule,
} from '@receptionist/booking-client/crm-sync-schedule';
import { createCallIdempotent, saveCrmConnection, upsertContactByPhone } from '@receptionist/db';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import {
  createHubSpotCrm,
  createSignedWebhookSender,
  signWebhook,
} from '@receptionist/integrations/crm';
import { createLogger } from '@receptionist/observability';
import {
  startHubSpotStandIn,
  startStandIn,
  waitFor,
  type HubSpotStandIn,
  type StandIn,
} from '@receptionist/testing';
import { createCrmSyncActivities } from '../src/activities/crm-sync.activities.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let hubspot: HubSpotStandIn;
let hook: StandIn;
let hookStatus = 200;
let tenantId: string;
const SECRET = randomBytes(24).toString('hex');
const ids: Record<string, string> = {};

beforeAll(async () => {
  [h, hubspot, hook] = await Promise.all([
    startHarness('crm-sync'),
    startHubSpotStandIn(),
    startStandIn((_req, res) => {
      res.writeHead(hookStatus);
      res.end();
    }),
  ]);
  const logger = createLogger({ service: 'crm-test', level: 'silent' });
  const breakers = createBreakerFactory({ registry: new Registry(), logger });
  await h.startWorker(
    createCrmSyncActivities({
      db: h.db.pool as never,
      logger,
      hubspot: createHubSpotCrm({ breakers, basePath: hubspot.url }),
      // The receiver is on loopback, which the public-address guard refuses by design.
      webhooks: createSignedWebhookSender({ breakers, guard: false }),
      publicBaseUrl: 'https://voice.example.test',
    }),
  );

  const tenant = await h.makeTenant({ name: 'Bright Smile' });
  tenantId = tenant.id;
  await saveCrmConnection(h.db.pool, tenantId, {
    hubspotToken: hubspot.token,
    webhookUrl: `${hook.url}/hooks/receptionist`,
    webhookSecret: SECRET,
  });
  const ada = await upsertContactByPhone(h.db.pool, tenantId, h.phone());
  const bob = await upsertContactByPhone(h.db.pool, tenantId, h.phone());
  await h.db.pool.query(
    `UPDATE contacts SET name = 'Ada Lovelace', email = 'ada@example.test' WHERE id = $1`,
    [ada.id],
  );
  // Bob is already in HubSpot (entered by hand): found by phone, not created again.
  hubspot.objects.contacts.set('555', {
    id: '555',
    properties: { phone: bob.phone, firstname: 'Robert' },
    associations: [],
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  });
  const { call } = await createCallIdempotent(h.db.pool, tenantId, {
    callSid: `CA${randomBytes(16).toString('hex')}`,
    fromNumber: ada.phone,
    toNumber: '+14155550100',
    contactId: ada.id,
  });
  await h.db.pool.query(
    `UPDATE calls SET ended_at = now(), status = 'completed', outcome = 'question_answered',
            duration_seconds = 95, summary = 'Asked about parking; answered.', updated_at = now()
      WHERE id = $1`,
    [call.id],
  );
  const { rows } = await h.db.pool.query(
    `INSERT INTO bookings (tenant_id, contact_id, service, status, starts_at, ends_at)
     VALUES ($1, $2, 'Cleaning', 'confirmed', now() + interval '2 days', now() + interval '2 days 30 minutes')
     RETURNING id`,
    [tenantId, bob.id],
  );
  Object.assign(ids, { ada: ada.id, bob: bob.id, call: call.id, booking: rows[0].id });
}, 60_000);

afterAll(async () => {
  await removeCrmSyncSchedule(h.client, tenantId).catch(() => undefined);
  await Promise.all([hubspot?.close(), hook?.close()]);
  await h?.close();
});

const run = (backfill: boolean): Promise<CrmSyncProgress> =>
  h.client.workflow.execute(CRM_SYNC_WORKFLOW, {
    taskQueue: h.taskQueue,
    workflowId: `${crmBackfillWorkflowId(tenantId)}-${randomBytes(3).toString('hex')}`,
    args: [{ tenantId, backfill }],
  });
const deliveries = () => hook.requests.filter((r) => r.path === '/hooks/receptionist');
const touchAda = (name: string) =>
  h.db.pool.query(`UPDATE contacts SET name = $2, updated_at = now() WHERE id = $1`, [
    ids.ada,
    name,
  ]);

describe('CRM sync to HubSpot and the signed webhook', () => {
  it('backfills contacts by phone, the call as an engagement and the booking as a meeting', async () => {
    const p = await run(true);
    expect(p).toMatchObject({ kind: 'done', processed: 4, hubspot: 4, webhook: 4, failed: 0 });
    const contacts = [...hubspot.objects.contacts.values()];
    expect(contacts).toHaveLength(2);
    const ada = contacts.find((c) => c.properties.firstname === 'Ada')!;
    expect(ada.properties).toMatchObject({ lastname: 'Lovelace', email: 'ada@example.test' });
    const [call] = [...hubspot.objects.calls.values()];
    expect(call!.associations).toEqual([{ toId: ada.id, typeId: 194 }]);
    expect(call!.properties).toMatchObject({
      hs_call_direction: 'INBOUND',
      hs_call_duration: '95000',
    });
    expect(call!.properties.hs_call_body).toContain('Asked about parking; answered.');
    expect(call!.properties.hs_call_body).toContain(
      `https://voice.example.test/console/calls/${ids.call}`,
    );
    const [meeting] = [...hubspot.objects.meetings.values()];
    expect(meeting!.associations).toEqual([{ toId: '555', typeId: 200 }]);
    expect(meeting!.properties).toMatchObject({
      hs_meeting_title: 'Cleaning at Bright Smile',
      hs_meeting_outcome: 'SCHEDULED',
    });

    // The same four events on the webhook, each signed over its timestamp and body.
    const got = deliveries();
    expect(got.map((r) => JSON.parse(r.body).type).sort()).toEqual([
      'booking.updated',
      'call.logged',
      'contact.upserted',
      'contact.upserted',
    ]);
    for (const r of got) {
      const sig = String(r.headers['x-receptionist-signature']);
      const t = Number(/^t=(\d+),/.exec(sig)![1]);
      expect(sig).toBe(signWebhook(SECRET, r.body, t));
      expect(r.headers['x-receptionist-event-id']).toBe(JSON.parse(r.body).id);
    }
  });

  it('sends nothing again when nothing changed, even on a second backfill', async () => {
    const before = { api: hubspot.requests.length, hooks: deliveries().length };
    expect(await run(false)).toMatchObject({ processed: 0, hubspot: 0, webhook: 0 });
    expect(await run(true)).toMatchObject({ processed: 4, hubspot: 0, webhook: 0 });
    expect(hubspot.requests.length).toBe(before.api);
    expect(deliveries().length).toBe(before.hooks);
    expect(hubspot.objects.contacts.size).toBe(2);
    expect(hubspot.objects.calls.size).toBe(1);
  });

  it('updates only what changed, in place', async () => {
    await touchAda('Ada King');
    const before = hubspot.requests.length;
    expect(await run(false)).toMatchObject({ processed: 1, hubspot: 1, webhook: 1 });
    const sent = hubspot.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.path.replace(/\/\d+$/, '/:id')}`)).toEqual([
      'PATCH /crm/v3/objects/contacts/:id',
    ]);
    expect(
      [...hubspot.objects.contacts.values()].some((c) => c.properties.lastname === 'King'),
    ).toBe(true);
  });

  it('waits as long as HubSpot’s Retry-After asks on a 429, then finishes', async () => {
    await touchAda('Ada Byron');
    hubspot.throttle(1, 2);
    const from = hubspot.arrivals.length;
    expect(await run(false)).toMatchObject({ processed: 1, hubspot: 1 });
    expect(hubspot.throttled).toBe(1);
    const [limited, next] = hubspot.arrivals.slice(from);
    expect(next! - limited!).toBeGreaterThanOrEqual(2_000);
  });

  it('retries a webhook that fails, with backoff, until it is delivered', async () => {
    await touchAda('Ada Lovelace');
    hookStatus = 503;
    const before = deliveries().length;
    const p = run(false);
    await waitFor(async () => deliveries().length >= before + 2, 20_000, 'a retried delivery');
    hookStatus = 200;
    expect(await p).toMatchObject({ webhook: 1 });
    const ids2 = deliveries()
      .slice(before)
      .map((r) => r.headers['x-receptionist-event-id']);
    // Every attempt carries the same event id, so the receiver can drop duplicates.
    expect(new Set(ids2).size).toBe(1);
  });

  it('runs on a Temporal Schedule per business', async () => {
    await ensureCrmSyncSchedule(h.client, h.taskQueue, tenantId);
    await ensureCrmSyncSchedule(h.client, h.taskQueue, tenantId); // a second save is a no-op
    const schedule = h.client.schedule.getHandle(crmSyncScheduleId(tenantId));
    const d = await schedule.describe();
    expect(d.spec.intervals?.[0]?.every).toBe(5 * 60_000);
    await touchAda('Ada Scheduled');
    await schedule.trigger();
    await waitFor(
      async () =>
        [...hubspot.objects.contacts.values()].some((c) => c.properties.lastname === 'Scheduled'),
      20_000,
      'the scheduled run to reach HubSpot',
    );
    await removeCrmSyncSchedule(h.client, tenantId);
    await expect(schedule.describe()).rejects.toThrow();
  });
});
