import { beforeAll, describe, expect, it } from 'vitest';
import { createCallIdempotent, insertEscalation, setContactOptOut } from '@receptionist/db';
import { uniqueSlug, useAdmin } from '../../test/admin-harness.ts';
import {
  freshNumber,
  insertConversation,
  insertMessage,
  businessAndNeighbour,
  type Business,
} from '../../test/admin-fixtures.ts';

const h = useAdmin();
let platform: string;
let biz: Business;
let tenantAdmin: string;
beforeAll(async () => ({ platform, biz, tenantAdmin } = await businessAndNeighbour(h)));

const api = (key: string) => h.api(key);

const auditFor = (resourceId: string) => h.auditFor(resourceId);

describe('calls, SMS, contacts, escalations, stats', () => {
  it('filters calls by date range, outcome and number and shows the transcript', async () => {
    const tenantId = await h.tenant();
    const key = await h.key(tenantId, 'viewer');
    const caller = freshNumber();
    const mk = async (sid: string, from: string, startedAt: string, outcome: string | null) => {
      const { call } = await createCallIdempotent(h.db, tenantId, {
        callSid: sid,
        fromNumber: from,
        toNumber: '+14155550100',
      });
      await h.db.query('UPDATE calls SET started_at = $2, outcome = $3 WHERE id = $1', [
        call.id,
        startedAt,
        outcome,
      ]);
      return call.id;
    };
    const booked = await mk(`CA-${uniqueSlug()}`, caller, '2026-03-02T10:00:00Z', 'booked');
    await mk(`CA-${uniqueSlug()}`, freshNumber(), '2026-03-02T11:00:00Z', 'missed');
    await mk(`CA-${uniqueSlug()}`, caller, '2026-04-02T10:00:00Z', 'question_answered');
    const q = (s: string) => api(key).get(`/tenants/${tenantId}/calls?${s}`);
    expect((await q('')).body.items).toHaveLength(3);
    expect((await q('outcome=booked')).body.items.map((c: { id: string }) => c.id)).toEqual([
      booked,
    ]);
    expect((await q(`number=${encodeURIComponent(caller)}`)).body.items).toHaveLength(2);
    expect((await q('from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z')).body.items).toHaveLength(
      2,
    );
    expect((await q('outcome=exploded')).status).toBe(400);
    expect((await q('from=2026-05-01T00:00:00Z&to=2026-03-01T00:00:00Z')).status).toBe(400);

    const detail = await api(key).get(`/tenants/${biz.tenantId}/calls/${biz.callId}`);
    expect(detail.status).toBe(404); // a viewer of another business
    const own = await api(platform).get(`/tenants/${biz.tenantId}/calls/${biz.callId}`);
    expect(own.body.transcript.map((m: { role: string }) => m.role)).toEqual(['caller', 'agent']);
    expect(own.body.transcript[1]).toMatchObject({
      agent: 'faq',
      latencyMs: 640,
      inputTokens: 900,
    });
  });

  it('lists SMS conversations with messages and contacts by opt-out state', async () => {
    const conv = await api(platform).get(`/tenants/${biz.tenantId}/sms-conversations`);
    expect(conv.body.items.map((c: { id: string }) => c.id)).toEqual([biz.conversationId]);
    expect(conv.body.items[0].messageCount).toBe(1);
    const one = await api(platform).get(
      `/tenants/${biz.tenantId}/sms-conversations/${biz.conversationId}`,
    );
    expect(one.body.messages[0].text).toBe('Can I move my appointment?');
    const stop = freshNumber();
    await setContactOptOut(h.db, biz.tenantId, stop, true);
    const out = await api(platform).get(`/tenants/${biz.tenantId}/contacts?optedOut=true`);
    expect(out.body.items.map((c: { phone: string }) => c.phone)).toEqual([stop]);
    const inn = await api(platform).get(`/tenants/${biz.tenantId}/contacts?optedOut=false`);
    expect(inn.body.items.every((c: { optedOut: boolean }) => !c.optedOut)).toBe(true);
  });

  it('resolves an escalation once and audits it', async () => {
    const e = await insertEscalation(h.db, biz.tenantId, { kind: 'transfer', reason: 'angry' });
    const open = await api(platform).get(`/tenants/${biz.tenantId}/escalations?status=open`);
    expect(open.body.items.map((x: { id: string }) => x.id)).toContain(e.id);
    const res = await api(tenantAdmin).post(
      `/tenants/${biz.tenantId}/escalations/${e.id}/resolve`,
      {
        resolvedBy: 'Dr. Lee',
      },
    );
    expect(res.body).toMatchObject({ status: 'resolved', resolvedBy: 'Dr. Lee' });
    const [a] = await auditFor(e.id);
    expect(a.before.status).toBe('open');
    expect(a.after.status).toBe('resolved');
  });

  it('computes stats over a period', async () => {
    const tenantId = await h.tenant();
    const key = await h.key(tenantId, 'viewer');
    const at = '2026-06-10T12:00:00Z';
    const ids: string[] = [];
    for (const [i, outcome] of ['booked', 'booked', 'missed', 'question_answered'].entries()) {
      const { call } = await createCallIdempotent(h.db, tenantId, {
        callSid: `CA-${uniqueSlug()}`,
        fromNumber: freshNumber(),
        toNumber: '+14155550100',
      });
      await h.db.query(
        `UPDATE calls SET started_at = $2, outcome = $3, answered_at = CASE WHEN $3 <> 'missed' THEN $2::timestamptz END WHERE id = $1`,
        [call.id, new Date(Date.parse(at) + i * 60_000), outcome],
      );
      ids.push(call.id);
    }
    const conv = await insertConversation(h.db, tenantId, { channel: 'voice', callId: ids[0] });
    for (const latencyMs of [100, 200, 300, 400, 1000]) {
      await insertMessage(h.db, tenantId, {
        conversationId: conv,
        channel: 'voice',
        role: 'agent',
        text: 'ok',
        latencyMs,
        inputTokens: 100,
        outputTokens: 10,
        costMicroUsd: 500,
        createdAt: new Date(at),
      });
    }
    await insertEscalation(h.db, tenantId, { kind: 'message' });
    await h.db.query(`UPDATE escalations SET created_at = $2 WHERE tenant_id = $1`, [tenantId, at]);
    const res = await api(key).get(
      `/tenants/${tenantId}/stats?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      calls: 4,
      answered: 3,
      booked: 2,
      conversionRate: 0.5,
      escalations: 1,
      turnLatencyAvgMs: 400,
      turnLatencyP95Ms: 880,
      inputTokens: 500,
      outputTokens: 50,
      estimatedCostUsd: 0.0025,
    });
    const empty = await api(key).get(
      `/tenants/${tenantId}/stats?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z`,
    );
    expect(empty.body).toMatchObject({ calls: 0, conversionRate: 0, turnLatencyP95Ms: null });
  });
});
