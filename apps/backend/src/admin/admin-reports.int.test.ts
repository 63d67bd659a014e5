// Report settings through the admin API: stored on the business, and its Temporal Schedules on
// the real server follow them (time, weekday, the business's time zone; removed when turned off).
import { beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { reportScheduleId, retentionScheduleId } from '@receptionist/booking-client/messages';
import { useAdmin } from '../../test/admin-harness.ts';

const h = useAdmin();
let tenantId: string;
let key: string;

beforeAll(async () => {
  tenantId = await h.tenant();
  await h.db.query(`UPDATE tenants SET timezone = 'America/Denver' WHERE id = $1`, [tenantId]);
  key = await h.key(tenantId, 'admin');
});

const path = () => `/admin/v1/tenants/${tenantId}/report-settings`;
const patch = (body: object) => request(h.app).patch(path()).set('Authorization', key).send(body);
const schedule = (period: 'daily' | 'weekly') =>
  h.temporal.schedule.getHandle(reportScheduleId(tenantId, period)).describe();

describe('report settings', () => {
  it('reads the defaults before anything is set', async () => {
    const res = await request(h.app).get(path()).set('Authorization', key);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      daily: true,
      weekly: true,
      sendAt: '19:00',
      weeklyDay: 'fri',
      emails: [],
      slack: true,
    });
  });

  it('moves the Schedules to the new time and weekday in the business’s zone', async () => {
    const res = await patch({
      sendAt: '18:30',
      weeklyDay: 'mon',
      emails: ['owner@clinic.example.com'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sendAt: '18:30', weeklyDay: 'mon', daily: true });
    const daily = await schedule('daily');
    expect(daily.spec.timezone).toBe('America/Denver');
    expect(daily.spec.calendars?.[0]).toMatchObject({
      hour: [{ start: 18, end: 18, step: 1 }],
      minute: [{ start: 30, end: 30, step: 1 }],
    });
    const weekly = await schedule('weekly');
    expect(weekly.spec.calendars?.[0]?.dayOfWeek).toEqual([
      { start: 'MONDAY', end: 'MONDAY', step: 1 },
    ]);
    expect(weekly.action).toMatchObject({
      workflowType: 'tenantReportWorkflow',
      args: [{ tenantId, period: 'weekly' }],
    });
    // Applied again (same settings): the Schedule is updated, not created twice.
    expect((await patch({ sendAt: '18:30' })).status).toBe(200);
    const { rows } = await h.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = 'report_settings.update'`,
      [tenantId],
    );
    expect(rows[0].n).toBe(2);
  });

  it('removes the daily Schedule when the daily report is turned off', async () => {
    expect((await patch({ daily: false })).status).toBe(200);
    await expect(schedule('daily')).rejects.toThrow(/not found/i);
    await expect(schedule('weekly')).resolves.toBeTruthy();
  });

  it('refuses a time that is not HH:MM and a field it does not know', async () => {
    for (const body of [{ sendAt: '7pm' }, { hourly: true }, { emails: ['not-an-address'] }]) {
      const res = await patch(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });
});

describe('retention settings', () => {
  const rpath = () => `/admin/v1/tenants/${tenantId}/retention-settings`;
  it('keeps everything by default, and schedules the daily sweep at 03:00 local once set', async () => {
    const res = await request(h.app).get(rpath()).set('Authorization', key);
    expect(res.body).toEqual({
      transcriptsDays: null,
      summariesDays: null,
      outboundTextsDays: null,
    });
    const set = await request(h.app)
      .patch(rpath())
      .set('Authorization', key)
      .send({ transcriptsDays: 90, outboundTextsDays: 30 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ transcriptsDays: 90, summariesDays: null, outboundTextsDays: 30 });
    const s = await h.temporal.schedule.getHandle(retentionScheduleId(tenantId)).describe();
    expect(s.spec.timezone).toBe('America/Denver');
    expect(s.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }] });
    expect(s.action).toMatchObject({ workflowType: 'retentionWorkflow', args: [{ tenantId }] });
    // Back to keeping everything: no sweep left scheduled.
    await request(h.app)
      .patch(rpath())
      .set('Authorization', key)
      .send({ transcriptsDays: null, outboundTextsDays: null });
    await expect(
      h.temporal.schedule.getHandle(retentionScheduleId(tenantId)).describe(),
    ).rejects.toThrow(/not found/i);
  });

  it('refuses a period out of bounds', async () => {
    const res = await request(h.app)
      .patch(rpath())
      .set('Authorization', key)
      .send({ transcriptsDays: 0 });
    expect(res.status).toBe(400);
  });
});
