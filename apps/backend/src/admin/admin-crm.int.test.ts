import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { crmSyncScheduleId } from '@receptionist/booking-client/messages';
import { getCrmConnection } from '@receptionist/db';
import { startAdmin, type AdminHarness } from '../../test/admin-harness.ts';

let h: AdminHarness;
let a: string;
let adminA: string;

beforeAll(async () => {
  h = await startAdmin();
  a = await h.tenant();
  adminA = await h.key(a, 'admin');
});
afterAll(async () => {
  await h.temporal.schedule
    .getHandle(crmSyncScheduleId(a))
    .delete()
    .catch(() => undefined);
  await h?.close();
});

const patch = (body: object) =>
  request(h.app).patch(`/admin/v1/tenants/${a}/crm`).set('Authorization', adminA).send(body);

describe('CRM connection in the admin API', () => {
  it('stores the token write-only and keeps a Temporal Schedule while connected', async () => {
    const token = 'pat-na1-0123456789abcdef';
    const res = await patch({ hubspotToken: token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ hubspot: true, webhookUrl: null, webhookSecret: false });
    expect(JSON.stringify(res.body)).not.toContain(token);
    expect((await getCrmConnection(h.db, a))?.hubspotToken).toBe(token);
    const schedule = await h.temporal.schedule.getHandle(crmSyncScheduleId(a)).describe();
    expect(schedule.action).toMatchObject({ workflowType: 'crmSyncWorkflow' });

    const off = await patch({ hubspotToken: null });
    expect(off.body.hubspot).toBe(false);
    await expect(h.temporal.schedule.getHandle(crmSyncScheduleId(a)).describe()).rejects.toThrow();
  });

  it('refuses a webhook URL that is not public https, and a webhook without a secret', async () => {
    for (const webhookUrl of [
      'http://hooks.zapier.com/x',
      'https://127.0.0.1/hook',
      'https://user:pw@hooks.zapier.com/x',
      '',
      '   ',
    ]) {
      const res = await patch({ webhookUrl, webhookSecret: 'x'.repeat(32) });
      expect(res.status, webhookUrl).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const res = await patch({ webhookUrl: 'https://8.8.8.8/hook' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('webhookSecret');
    expect((await getCrmConnection(h.db, a))?.webhookUrl ?? null).toBeNull();
  });

  it('answers 409 to a backfill before anything is connected', async () => {
    const res = await request(h.app)
      .post(`/admin/v1/tenants/${a}/crm/backfill`)
      .set('Authorization', adminA);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('crm_not_connected');
  });
});
