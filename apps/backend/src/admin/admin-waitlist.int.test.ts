import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startAdmin, type AdminHarness } from '../../test/admin-harness.ts';
import { freshNumber } from '../../test/admin-fixtures.ts';

let h: AdminHarness;
let tenantId: string;
let otherTenantId: string;
let admin: string;
let otherAdmin: string;

beforeAll(async () => {
  h = await startAdmin();
  tenantId = await h.tenant();
  otherTenantId = await h.tenant();
  admin = await h.key(tenantId, 'admin');
  otherAdmin = await h.key(otherTenantId, 'admin');
});
afterAll(async () => {
  await h?.close();
});

const api = (key: string) => h.api(key);

describe('admin waitlist', () => {
  it('adds a caller once per day and service, lists by day and removes', async () => {
    const phone = freshNumber();
    const created = await api(admin).post(`/tenants/${tenantId}/waitlist`, {
      phone,
      name: 'Ada',
      service: 'Cleaning',
      day: '2027-01-05',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      tenantId,
      phone,
      name: 'Ada',
      service: 'Cleaning',
      day: '2027-01-05',
      status: 'waiting',
    });
    expect(created.body).not.toHaveProperty('offerWorkflowId');
    const again = await api(admin).post(`/tenants/${tenantId}/waitlist`, {
      phone,
      service: 'Cleaning',
      day: '2027-01-05',
    });
    expect(again.body.id).toBe(created.body.id);
    await api(admin).post(`/tenants/${tenantId}/waitlist`, { phone, day: '2027-01-06' });

    const day = await api(admin).get(`/tenants/${tenantId}/waitlist?day=2027-01-05`);
    expect(day.status).toBe(200);
    expect(day.body.items.map((e: { id: string }) => e.id)).toEqual([created.body.id]);

    const removed = await api(admin).delete(`/tenants/${tenantId}/waitlist/${created.body.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.status).toBe('removed');
    const waiting = await api(admin).get(`/tenants/${tenantId}/waitlist?status=waiting`);
    expect(waiting.body.items.map((e: { day: string }) => e.day)).toEqual(['2027-01-06']);
  });

  it('refuses bad input with a machine-readable error', async () => {
    for (const body of [
      { phone: '4155550100', day: '2027-01-05' },
      { phone: freshNumber(), day: 'next tuesday' },
      { phone: freshNumber(), day: '2027-01-05', status: 'booked' },
      { phone: freshNumber(), day: '2027-01-05', service: 'x'.repeat(121) },
    ]) {
      const res = await api(admin).post(`/tenants/${tenantId}/waitlist`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it("answers 404 for another business's waitlist and entries", async () => {
    const entry = await api(admin).post(`/tenants/${tenantId}/waitlist`, {
      phone: freshNumber(),
      day: '2027-01-07',
    });
    expect((await api(otherAdmin).get(`/tenants/${tenantId}/waitlist`)).status).toBe(404);
    const foreign = await api(otherAdmin).delete(
      `/tenants/${otherTenantId}/waitlist/${entry.body.id}`,
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    const list = await api(otherAdmin).get(`/tenants/${otherTenantId}/waitlist`);
    expect(list.body.items).toEqual([]);
    // Still there for its own business.
    const own = await api(admin).get(`/tenants/${tenantId}/waitlist?day=2027-01-07`);
    expect(own.body.items[0].status).toBe('waiting');
  });

  it('keeps the follow-up settings in the business profile, validated', async () => {
    const followUps = {
      reviewUrl: 'https://g.page/r/bright-smile/review',
      reviewRepeatDays: 60,
      noShowDeposit: 'refund',
      quietHours: { start: 20, end: 9 },
    };
    const ok = await request(h.app)
      .patch(`/admin/v1/tenants/${tenantId}`)
      .set('Authorization', admin)
      .send({ followUps });
    expect(ok.status).toBe(200);
    expect(ok.body.settings.followUps).toEqual(followUps);
    // Two keys of the same settings column in one patch are both written.
    const both = await request(h.app)
      .patch(`/admin/v1/tenants/${tenantId}`)
      .set('Authorization', admin)
      .send({ followUps: { ...followUps, reviewRepeatDays: 30 }, limits: { smsPerDay: 77 } });
    expect(both.status).toBe(200);
    expect(both.body.settings.followUps.reviewRepeatDays).toBe(30);
    expect(both.body.settings.limits.smsPerDay).toBe(77);
    const bad = await request(h.app)
      .patch(`/admin/v1/tenants/${tenantId}`)
      .set('Authorization', admin)
      .send({ followUps: { reviewUrl: 'javascript:alert(1)' } });
    expect(bad.status).toBe(400);
  });

  it('is in the OpenAPI document with its schemas', async () => {
    const doc = await request(h.app).get('/admin/v1/openapi.json');
    expect(Object.keys(doc.body.paths['/tenants/{tenantId}/waitlist'])).toEqual(['get', 'post']);
    expect(doc.body.paths['/tenants/{tenantId}/waitlist/{entryId}'].delete.operationId).toBe(
      'removeWaitlistEntry',
    );
    expect(doc.body.components.schemas.WaitlistEntryCreate.additionalProperties).toBe(false);
    expect(doc.body.components.schemas.TenantPatch.properties.followUps).toBeDefined();
  });
});
