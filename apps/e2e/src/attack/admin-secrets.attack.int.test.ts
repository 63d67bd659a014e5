// Finding 8: viewer keys and the audit log saw secrets (the Cal.com API key, Slack webhook URLs).
// Now they are write-only in the admin API (answered as {"set": true}), the audit log's before
// and after copies hold only the marker, and so does every Tenant as read (the profile the agent
// caches in Redis); the worker and calendars read the secrets themselves where they use them.
// Run against the real backend process on real PostgreSQL and Redis.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTenant, getTenantSecrets, insertApiKey } from '@receptionist/db';
import { createHash } from 'node:crypto';
import { useBackendProcess } from '../../test/backend-process.ts';

const API_KEY = `cal_live_${randomBytes(12).toString('hex')}`;
const WEBHOOK_SECRET = `whsec_${randomBytes(12).toString('hex')}`;
const SLACK = `https://hooks.slack.com/services/T0/B0/${randomBytes(12).toString('hex')}`;
const SECRETS = [API_KEY, WEBHOOK_SECRET, SLACK, SLACK.split('/').at(-1)!];

let biz: { tenantId: string; authorization: string };
let viewer: string;
let other: { tenantId: string; authorization: string };

async function viewerKey(tenantId: string) {
  const prefix = `rcp_${randomBytes(6).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  await insertApiKey(backend.db, {
    tenantId,
    role: 'viewer',
    name: 'viewer',
    prefix,
    secretHash: createHash('sha256').update(secret, 'utf8').digest('hex'),
  });
  return `Bearer ${prefix}_${secret}`;
}
const noSecretIn = (value: unknown) => {
  const text = JSON.stringify(value);
  for (const s of SECRETS) expect(text).not.toContain(s);
};

// Slack posts go to a stand-in in this deployment, so hooks.slack.com need not resolve here.
const backend = useBackendProcess({ SLACK_WEBHOOK_BASE_URL: 'http://127.0.0.1:9' });
beforeAll(async () => {
  biz = await backend.tenantAdmin();
  other = await backend.tenantAdmin();
  viewer = await viewerKey(biz.tenantId);
}, 60_000);

describe('attack: reading secrets back through the admin API, audit log and caches', () => {
  it('answers secrets as {"set": true} to admin and viewer keys, and keeps them stored', async () => {
    const res = await backend.admin('PATCH', `/tenants/${biz.tenantId}`, biz.authorization, {
      calendarProvider: 'calcom',
      calendarSettings: { apiKey: API_KEY, webhookSecret: WEBHOOK_SECRET, eventTypeId: 7_001 },
      escalationContacts: [{ name: 'Ops', slackWebhookUrl: SLACK }, { name: 'Desk' }],
    });
    expect(res.status).toBe(200);
    noSecretIn(res.body);
    expect(res.body.calendarSettings).toEqual({
      apiKey: { set: true },
      webhookSecret: { set: true },
      eventTypeId: 7_001,
    });
    expect(res.body.escalationContacts).toEqual([
      { name: 'Ops', slackWebhookUrl: { set: true } },
      { name: 'Desk' },
    ]);
    for (const auth of [viewer, biz.authorization]) {
      const got = await backend.admin('GET', `/tenants/${biz.tenantId}`, auth);
      expect(got.status).toBe(200);
      noSecretIn(got.body);
      noSecretIn((await backend.admin('GET', '/tenants', auth)).body);
    }
    const stored = await getTenantSecrets(backend.db, biz.tenantId);
    expect(stored).toMatchObject({ calcomApiKey: API_KEY, calcomWebhookSecret: WEBHOOK_SECRET });
    expect(stored?.contacts[0]?.slackWebhookUrl).toBe(SLACK);
  });

  it('keeps a secret when the profile is sent back as read, and clears it only on null', async () => {
    const read = await backend.admin('GET', `/tenants/${biz.tenantId}`, biz.authorization);
    const back = await backend.admin('PATCH', `/tenants/${biz.tenantId}`, biz.authorization, {
      calendarSettings: read.body.calendarSettings,
      escalationContacts: read.body.escalationContacts,
    });
    expect(back.status).toBe(200);
    // A settings write that leaves the secrets out keeps them too.
    await backend.admin('PATCH', `/tenants/${biz.tenantId}`, biz.authorization, {
      calendarSettings: { eventTypeId: 7_001, slotMinutes: 30 },
    });
    let stored = await getTenantSecrets(backend.db, biz.tenantId);
    expect(stored).toMatchObject({ calcomApiKey: API_KEY, calcomWebhookSecret: WEBHOOK_SECRET });
    expect(stored?.contacts[0]?.slackWebhookUrl).toBe(SLACK);
    // {"set": true} cannot conjure a secret that is not there (nor borrow another contact's).
    const none = await backend.admin('PATCH', `/tenants/${other.tenantId}`, other.authorization, {
      escalationContacts: [{ name: 'Ops', slackWebhookUrl: { set: true } }],
    });
    expect(none.status).toBe(400);
    const cleared = await backend.admin('PATCH', `/tenants/${biz.tenantId}`, biz.authorization, {
      calendarSettings: { eventTypeId: 7_001, webhookSecret: null, apiKey: { set: true } },
    });
    expect(cleared.status).toBe(200);
    stored = await getTenantSecrets(backend.db, biz.tenantId);
    expect(stored).toMatchObject({ calcomApiKey: API_KEY, calcomWebhookSecret: null });
  });

  it('keeps secrets out of the audit log, and out of the Tenant every cache stores', async () => {
    const audit = await backend.admin('GET', `/tenants/${biz.tenantId}/audit-log`, viewer);
    expect(audit.status).toBe(200);
    const items = audit.body.items as { before: unknown; after: unknown }[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    noSecretIn(items);
    expect(JSON.stringify(items)).toContain('{"set":true}');
    // The profile as the agent reads and caches it in Redis (agent:tenant:<id>).
    noSecretIn(await getTenant(backend.db, biz.tenantId));
  });

  it("answers 404 to another business's key on the profile and its audit log", async () => {
    for (const path of [`/tenants/${biz.tenantId}`, `/tenants/${biz.tenantId}/audit-log`]) {
      const res = await backend.admin('GET', path, other.authorization);
      expect(res.status, path).toBe(404);
      noSecretIn(res.body);
    }
    const write = await backend.admin('PATCH', `/tenants/${biz.tenantId}`, other.authorization, {
      escalationContacts: [{ name: 'Ops', slackWebhookUrl: { set: true } }],
    });
    expect(write.status).toBe(404);
  });
});
