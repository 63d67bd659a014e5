import { beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { upsertContactByPhone } from '@receptionist/db';
import { useAdmin } from '../../test/admin-harness.ts';
import { freshNumber } from '../../test/admin-fixtures.ts';

const h = useAdmin();
let a: string;
let b: string;
let adminA: string;

beforeAll(async () => {
  a = await h.tenant();
  b = await h.tenant();
  adminA = await h.key(a, 'admin');
});

const post = (path: string, body: object) =>
  request(h.app).post(`/admin/v1${path}`).set('Authorization', adminA).send(body);

describe('outbound campaigns in the admin API', () => {
  it('starts a campaign of the business’s own contacts and shows each contact’s progress', async () => {
    const c1 = await upsertContactByPhone(h.db, a, freshNumber());
    const c2 = await upsertContactByPhone(h.db, a, freshNumber());
    const res = await post(`/tenants/${a}/campaigns`, {
      purpose: 'reactivation',
      contactIds: [c1.id, c2.id],
      policy: { maxAttempts: 2, retryDelayMinutes: 60, concurrency: 1 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({
      kind: 'campaign',
      purpose: 'reactivation',
      status: 'running',
    });
    const got = await request(h.app)
      .get(`/admin/v1/tenants/${a}/campaigns/${res.body.id}`)
      .set('Authorization', adminA);
    expect(got.status).toBe(200);
    expect(got.body.targets.map((t: { contactId: string }) => t.contactId).sort()).toEqual(
      [c1.id, c2.id].sort(),
    );
    expect(got.body.targets.every((t: { status: string }) => t.status === 'pending')).toBe(true);
  });

  it('refuses contacts that belong to another business, and creates nothing', async () => {
    const mine = await upsertContactByPhone(h.db, a, freshNumber());
    const theirs = await upsertContactByPhone(h.db, b, freshNumber());
    const before = await h.db.query(`SELECT count(*)::int AS n FROM outbound_campaigns`);
    const res = await post(`/tenants/${a}/campaigns`, {
      purpose: 'reminder',
      contactIds: [mine.id, theirs.id],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unknown_contacts');
    expect(JSON.stringify(res.body)).toContain(theirs.id);
    const cb = await post(`/tenants/${a}/callbacks`, { contactId: theirs.id });
    expect(cb.status).toBe(422);
    const after = await h.db.query(`SELECT count(*)::int AS n FROM outbound_campaigns`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('validates the body: purpose, list size and policy bounds', async () => {
    const c = await upsertContactByPhone(h.db, a, freshNumber());
    for (const body of [
      { purpose: 'sales', contactIds: [c.id] },
      { purpose: 'reminder', contactIds: [] },
      { purpose: 'reminder', contactIds: [c.id], policy: { maxAttempts: 50 } },
      { purpose: 'reminder', contactIds: [c.id], extra: true },
    ]) {
      const res = await post(`/tenants/${a}/campaigns`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await request(h.app).get('/admin/v1/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/tenants/{tenantId}/campaigns',
        '/tenants/{tenantId}/callbacks',
        '/tenants/{tenantId}/campaigns/{campaignId}',
        '/tenants/{tenantId}/campaigns/{campaignId}/cancel',
      ]),
    );
    expect(doc.body.paths['/tenants/{tenantId}/campaigns'].post.responses).toHaveProperty('422');
  });
});
