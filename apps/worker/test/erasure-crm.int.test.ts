// A contact's erasure reaching the business's CRM, on the real Temporal server and Postgres: the
// real @hubspot/api-client against a stand-in of HubSpot's REST API (GDPR delete included, one
// portal per business's token) and a local receiver for the signed webhook.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { contactErasureWorkflowId } from '@receptionist/booking-client/messages';
import {
  createCallIdempotent,
  getContactErasure,
  getCrmLink,
  saveCrmConnection,
  saveCrmLink,
  setContactOptOut,
  upsertContactByPhone,
} from '@receptionist/db';
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
  type HubSpotStandIn,
  type StandIn,
} from '@receptionist/testing';
import { createCrmSyncActivities } from '../src/activities/crm-sync.activities.ts';
import { createErasureActivities } from '../src/activities/erasure.activities.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let hubspot: HubSpotStandIn;
let hook: StandIn;
let crmSync: ReturnType<typeof createCrmSyncActivities>;
const OTHER_TOKEN = 'pat-na1-other-business';
const SECRET = randomBytes(24).toString('hex');

beforeAll(async () => {
  [h, hubspot, hook] = await Promise.all([
    startHarness('erasure-crm'),
    startHubSpotStandIn({ otherTokens: [OTHER_TOKEN] }),
    startStandIn((_req, res) => {
      res.writeHead(200);
      res.end();
    }),
  ]);
  const logger = createLogger({ service: 'erasure-crm-test', level: 'silent' });
  const breakers = createBreakerFactory({ registry: new Registry(), logger });
  // The CRM sync's own activity, called directly: what it sends after an erasure.
  crmSync = createCrmSyncActivities({
    db: h.db.pool as never,
    logger,
    hubspot: createHubSpotCrm({
      breakers: createBreakerFactory({ registry: new Registry(), logger }),
      basePath: hubspot.url,
    }),
    webhooks: null,
    publicBaseUrl: 'https://voice.example.test',
  });
  await h.startWorker(
    createErasureActivities({
      db: h.db.pool as never,
      logger,
      crm: {
        hubspot: createHubSpotCrm({ breakers, basePath: hubspot.url }),
        // The receiver is on loopback, which the public-address guard refuses by design.
        webhooks: createSignedWebhookSender({ breakers, guard: false }),
      },
    }),
  );
}, 120_000);

afterAll(async () => {
  await h?.close();
  await Promise.all([hubspot?.close(), hook?.close()]);
});

const erase = (tenantId: string, contactId: string) =>
  h.client.workflow.execute('contactErasureWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: contactErasureWorkflowId(tenantId, contactId),
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    args: [{ tenantId, contactId, requestedBy: 'api_key:abc' }],
  }) as Promise<Record<string, unknown>>;

const hubspotContact = (portal: HubSpotStandIn['objects'], id: string, phone: string) =>
  portal.contacts.set(id, {
    id,
    properties: { phone, firstname: 'Ada' },
    associations: [],
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  });

const gdprRequests = () =>
  hubspot.requests.filter((r) => r.path === '/crm/v3/objects/contacts/gdpr-delete');

describe('contact erasure in the CRM', () => {
  it('GDPR-deletes a synced contact (and a copy by number), signals the webhook, once', async () => {
    const tenant = await h.makeTenant();
    await saveCrmConnection(h.db.pool, tenant.id, {
      hubspotToken: hubspot.token,
      webhookUrl: `${hook.url}/hooks/receptionist`,
      webhookSecret: SECRET,
    });
    const phone = h.phone();
    const contact = await upsertContactByPhone(h.db.pool, tenant.id, phone);
    // The link the CRM sync stores: our contact is HubSpot's 701.
    const linkTo701 = () =>
      saveCrmLink(h.db.pool, tenant.id, {
        target: 'hubspot',
        kind: 'contact',
        ourId: contact.id,
        externalId: '701',
        version: contact.updatedAt,
      });
    // Synced earlier by the CRM sync (its stored id), and entered again by hand with the number.
    hubspotContact(hubspot.objects, '701', phone);
    hubspotContact(hubspot.objects, '702', phone);
    await linkTo701();
    // Someone else in the same HubSpot account stays.
    hubspotContact(hubspot.objects, '703', h.phone());

    const counts = await erase(tenant.id, contact.id);
    expect(counts).toMatchObject({ contact: 'deleted', crm: 'erased', crmWebhook: 'sent' });
    expect(hubspot.objects.contacts.has('701')).toBe(false);
    expect(hubspot.objects.contacts.has('702')).toBe(false);
    expect(hubspot.objects.contacts.has('703')).toBe(true);
    const sent = gdprRequests();
    expect(sent.map((r) => JSON.parse(r.body))).toEqual([{ objectId: '701' }, { objectId: '702' }]);
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${hubspot.token}`);

    // The webhook's event: signed, our id, no number.
    const events = hook.requests.filter((r) => r.body.includes('contact.erased'));
    expect(events).toHaveLength(1);
    const ev = events[0]!;
    const body = JSON.parse(ev.body);
    expect(body).toMatchObject({
      id: `contact.erased:${contact.id}`,
      type: 'contact.erased',
      tenantId: tenant.id,
      data: { id: contact.id, crm: 'erased', hubspotId: '701' },
    });
    expect(ev.body).not.toContain(phone);
    const t = Number(/t=(\d+)/.exec(String(ev.headers['x-receptionist-signature']))![1]);
    expect(ev.headers['x-receptionist-signature']).toBe(signWebhook(SECRET, ev.body, t));

    // The record shows it; the number kept for the step and the contact's CRM link are gone.
    const rec = await getContactErasure(h.db.pool, tenant.id, contact.id);
    expect(rec).toMatchObject({ crmPhone: null, counts: { crm: 'erased', crmWebhook: 'sent' } });
    expect(await getCrmLink(h.db.pool, tenant.id, 'hubspot', 'contact', contact.id)).toBeNull();

    // Asked again: the recorded outcome, nothing sent anywhere.
    const before = { hubspot: hubspot.requests.length, hook: hook.requests.length };
    expect(await erase(tenant.id, contact.id)).toMatchObject({ crm: 'erased', crmWebhook: 'sent' });
    expect({ hubspot: hubspot.requests.length, hook: hook.requests.length }).toEqual(before);

    // A run that stopped after HubSpot deleted it but before the outcome was recorded: the
    // repeat finds the stored id gone (404) and counts it done.
    await h.db.pool.query(
      `UPDATE contact_erasures SET counts = counts - 'crm' - 'crmWebhook', crm_phone = $3
        WHERE tenant_id = $1 AND contact_id = $2`,
      [tenant.id, contact.id, phone],
    );
    await linkTo701();
    const repeated: string[] = [];
    expect(await erase(tenant.id, contact.id)).toMatchObject({ crm: 'erased' });
    for (const r of gdprRequests().slice(sent.length))
      repeated.push(JSON.parse(r.body).objectId as string);
    expect(repeated).toEqual(['701']);
    expect(hubspot.objects.contacts.has('703')).toBe(true);
  }, 90_000);

  it('records not_found for a contact HubSpot never had, not_configured without a CRM', async () => {
    const synced = await h.makeTenant();
    await saveCrmConnection(h.db.pool, synced.id, { hubspotToken: hubspot.token });
    const unsynced = await upsertContactByPhone(h.db.pool, synced.id, h.phone());
    // HubSpot asks us to slow down first: the step waits its Retry-After and tries again.
    hubspot.throttle(1, 1);
    const throttledBefore = hubspot.throttled;
    expect(await erase(synced.id, unsynced.id)).toMatchObject({
      contact: 'deleted',
      crm: 'not_found',
      crmWebhook: 'not_configured',
    });
    expect(hubspot.throttled).toBe(throttledBefore + 1);

    const plain = await h.makeTenant();
    const contact = await upsertContactByPhone(h.db.pool, plain.id, h.phone());
    const before = hubspot.requests.length;
    expect(await erase(plain.id, contact.id)).toMatchObject({
      contact: 'deleted',
      crm: 'not_configured',
      crmWebhook: 'not_configured',
    });
    expect(hubspot.requests.length).toBe(before);
    // Without a CRM the number was never kept for the step.
    expect((await getContactErasure(h.db.pool, plain.id, contact.id))!.crmPhone).toBeNull();
  }, 90_000);

  it("never touches another business's CRM contact, even with the same number", async () => {
    const [a, b] = [await h.makeTenant(), await h.makeTenant()];
    await saveCrmConnection(h.db.pool, a.id, { hubspotToken: hubspot.token });
    await saveCrmConnection(h.db.pool, b.id, { hubspotToken: OTHER_TOKEN });
    const phone = h.phone();
    const ofA = await upsertContactByPhone(h.db.pool, a.id, phone);
    const ofB = await upsertContactByPhone(h.db.pool, b.id, phone);
    const portalB = hubspot.portals.get(OTHER_TOKEN)!;
    hubspotContact(hubspot.objects, '801', phone);
    hubspotContact(portalB, '801', phone);
    for (const [tenantId, ourId] of [
      [a.id, ofA.id],
      [b.id, ofB.id],
    ] as const)
      await saveCrmLink(h.db.pool, tenantId, {
        target: 'hubspot',
        kind: 'contact',
        ourId,
        externalId: '801',
        version: new Date(),
      });

    expect(await erase(a.id, ofA.id)).toMatchObject({ crm: 'erased' });
    expect(hubspot.objects.contacts.has('801')).toBe(false);
    // B's HubSpot account still holds its contact, and no request carried B's token.
    expect(portalB.contacts.has('801')).toBe(true);
    expect(hubspot.requests.some((r) => r.headers.authorization === `Bearer ${OTHER_TOKEN}`)).toBe(
      false,
    );
    expect(await getCrmLink(h.db.pool, b.id, 'hubspot', 'contact', ofB.id)).toMatchObject({
      externalId: '801',
    });
  }, 90_000);

  it('keeps an erased contact who had replied STOP out of the CRM sync afterwards', async () => {
    const tenant = await h.makeTenant();
    await saveCrmConnection(h.db.pool, tenant.id, { hubspotToken: hubspot.token });
    const phone = h.phone();
    const contact = await upsertContactByPhone(h.db.pool, tenant.id, phone);
    const { call } = await createCallIdempotent(h.db.pool, tenant.id, {
      callSid: `CA${randomBytes(16).toString('hex')}`,
      fromNumber: phone,
      toNumber: '+14155550100',
      contactId: contact.id,
    });
    await h.db.pool.query(`UPDATE calls SET ended_at = now(), status = 'completed' WHERE id = $1`, [
      call.id,
    ]);
    await setContactOptOut(h.db.pool, tenant.id, phone, true);
    expect(await erase(tenant.id, contact.id)).toMatchObject({
      contact: 'suppression_kept',
      crm: 'not_found',
    });
    // The anonymised call is a change the sync sees; its contact (a STOP row with the number)
    // must not be created in HubSpot to log it against.
    const page = await crmSync.syncCrmPage({ tenantId: tenant.id, kind: 'call', limit: 25 });
    expect(page).toMatchObject({ processed: 1, hubspot: 0, failed: 1 });
    const withNumber = [...hubspot.objects.contacts.values()].filter(
      (o) => o.properties.phone === phone,
    );
    expect(withNumber).toEqual([]);
  }, 90_000);
});
