// The admin API's side of the follow-ups: the call detail shows the post-call analysis, a person
// taking over a lead and resolving an escalation signal their follow-up workflows. The workflows
// are started on a task queue no worker polls, so the signals stay in their histories to read.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import {
  escalationFollowUpWorkflowId,
  leadFollowUpWorkflowId,
} from '@receptionist/booking-client/messages';
import { recordContactErasure, recordCrmErasure, saveCallAnalysis } from '@receptionist/db';
import { startAdmin, type AdminHarness } from '../../test/admin-harness.ts';
import { seedBusiness, type Business } from '../../test/admin-fixtures.ts';

let h: AdminHarness;
let a: Business;
let b: Business;
let keyA: string;
const taskQueue = `admin-follow-ups-${randomUUID()}`;
const started: string[] = [];

beforeAll(async () => {
  h = await startAdmin();
  a = await seedBusiness(h.db, await h.tenant());
  b = await seedBusiness(h.db, await h.tenant());
  keyA = await h.key(a.tenantId, 'admin');
});
afterAll(async () => {
  for (const id of started)
    await h.temporal.workflow
      .getHandle(id)
      .terminate('test finished')
      .catch(() => undefined);
  await h?.close();
});

const post = (path: string, body: object = {}) =>
  request(h.app).post(`/admin/v1${path}`).set('Authorization', keyA).send(body);

async function park(type: string, workflowId: string) {
  await h.temporal.workflow.start(type, { taskQueue, workflowId, args: [{}] });
  started.push(workflowId);
}

/** The signals a parked workflow received: name and payload. */
async function signals(workflowId: string) {
  const history = await h.temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionSignaledEventAttributes)
    .filter((s) => !!s)
    .map((s) => ({
      name: s.signalName,
      payload: JSON.parse(Buffer.from(s.input!.payloads![0]!.data!).toString()),
    }));
}

describe('call detail', () => {
  it('shows the post-call analysis with the call, and null before it has run', async () => {
    const path = `/tenants/${a.tenantId}/calls/${a.callId}`;
    const before = await request(h.app).get(`/admin/v1${path}`).set('Authorization', keyA);
    expect(before.status).toBe(200);
    expect(before.body.analysis).toBeNull();
    await saveCallAnalysis(h.db, a.tenantId, a.callId, {
      intent: 'question',
      outcome: 'answered',
      followUpNeeded: false,
      followUpReason: null,
      sentiment: 'neutral',
      evidence: {
        intent: ['Hi, do you take insurance?'],
        outcome: [],
        followUp: [],
        sentiment: [],
      },
      source: 'rules',
      model: null,
    });
    const after = await request(h.app).get(`/admin/v1${path}`).set('Authorization', keyA);
    expect(after.body.analysis).toMatchObject({
      intent: 'question',
      source: 'rules',
      evidence: { intent: ['Hi, do you take insurance?'] },
    });
    // Another business's call is not found, analysis or not.
    await saveCallAnalysis(h.db, b.tenantId, b.callId, {
      ...after.body.analysis,
      source: 'rules',
      model: null,
    });
    const foreign = await request(h.app)
      .get(`/admin/v1/tenants/${a.tenantId}/calls/${b.callId}`)
      .set('Authorization', keyA);
    expect(foreign.status).toBe(404);
  });
});

describe('lead take-over', () => {
  it('stops the running lead follow-up with a signal naming the tenant, audited', async () => {
    const id = leadFollowUpWorkflowId(a.tenantId, a.contactId);
    await park('leadFollowUpWorkflow', id);
    const res = await post(`/tenants/${a.tenantId}/contacts/${a.contactId}/follow-up/take-over`, {
      by: 'Ana',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ contactId: a.contactId, followUp: 'stopped' });
    expect(await signals(id)).toEqual([
      { name: 'leadTakenOver', payload: { tenantId: a.tenantId, by: 'Ana' } },
    ]);
    const { rows } = await h.db.query(
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND resource_id = $2`,
      [a.tenantId, a.contactId],
    );
    expect(rows.map((r) => r.action)).toContain('lead_follow_up.take_over');
  });

  it('says so when no follow-up runs, and does not find another business’s contact', async () => {
    const b2 = await seedBusiness(h.db, a.tenantId);
    const none = await post(`/tenants/${a.tenantId}/contacts/${b2.contactId}/follow-up/take-over`);
    expect(none.body).toEqual({ contactId: b2.contactId, followUp: 'not_running' });
    const foreign = await post(
      `/tenants/${a.tenantId}/contacts/${b.contactId}/follow-up/take-over`,
    );
    expect(foreign.status).toBe(404);
    const otherTenant = await post(
      `/tenants/${b.tenantId}/contacts/${b.contactId}/follow-up/take-over`,
    );
    expect(otherTenant.status).toBe(404);
  });

  it('refuses a body that is not the schema’s', async () => {
    const res = await post(`/tenants/${a.tenantId}/contacts/${a.contactId}/follow-up/take-over`, {
      by: 'x'.repeat(121),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});

describe('escalation resolve', () => {
  it('signals the escalation’s follow-up once, when it was open', async () => {
    const id = escalationFollowUpWorkflowId(a.escalationId);
    await park('escalationFollowUpWorkflow', id);
    const path = `/tenants/${a.tenantId}/escalations/${a.escalationId}/resolve`;
    expect((await post(path, { resolvedBy: 'Ana' })).status).toBe(200);
    expect((await post(path, { resolvedBy: 'Ben' })).status).toBe(200);
    expect(await signals(id)).toEqual([
      { name: 'escalationResolved', payload: { tenantId: a.tenantId, by: 'Ana' } },
    ]);
  });
});

describe('contact erasure request', () => {
  it('starts the erasure workflow for the contact, audited, once however often asked', async () => {
    const c = await seedBusiness(h.db, a.tenantId);
    const path = `/tenants/${a.tenantId}/contacts/${c.contactId}/erasure`;
    const res = await post(path);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      contactId: c.contactId,
      workflowId: `contact-erasure-${a.tenantId}-${c.contactId}`,
    });
    const run = await h.temporal.workflow.getHandle(res.body.workflowId).describe();
    expect(run.type).toBe('contactErasureWorkflow');
    expect((await post(path)).status).toBe(202);
    const { rows } = await h.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = 'contact.erasure.request'
         AND resource_id = $2`,
      [a.tenantId, c.contactId],
    );
    expect(rows[0].n).toBe(2);
  });

  it('does not find another business’s contact', async () => {
    const res = await post(`/tenants/${a.tenantId}/contacts/${b.contactId}/erasure`);
    expect(res.status).toBe(404);
  });

  it('shows the erasure record, the CRM step pending and then its outcome', async () => {
    const contactId = randomUUID();
    const path = `/admin/v1/tenants/${a.tenantId}/contacts/${contactId}/erasure`;
    const get = () => request(h.app).get(path).set('Authorization', keyA);
    expect((await get()).status).toBe(404);
    const counts = {
      messages: 3,
      conversations: 1,
      calls: 1,
      analyses: 1,
      outboundTexts: 2,
      bookings: 1,
      escalations: 0,
      agentStates: 2,
      webhookPayloads: 1,
      contact: 'deleted' as const,
    };
    await recordContactErasure(h.db, a.tenantId, {
      contactId,
      requestedBy: 'api_key:abc',
      counts,
      crmPhone: '+14155550199',
    });
    const pending = await get();
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({
      contactId,
      requestedBy: 'api_key:abc',
      counts: { ...counts, crm: 'pending', crmWebhook: 'pending' },
    });
    // The number kept for the CRM step is never answered.
    expect(JSON.stringify(pending.body)).not.toContain('4155550199');
    await recordCrmErasure(h.db, a.tenantId, contactId, { crm: 'erased', crmWebhook: 'sent' });
    expect((await get()).body.counts).toMatchObject({ crm: 'erased', crmWebhook: 'sent' });
    // Another business's key cannot read it.
    const keyB = await h.key(b.tenantId, 'admin');
    const other = await request(h.app).get(path).set('Authorization', keyB);
    expect(other.status).toBe(404);
  });

  it('is in the OpenAPI document with the CRM outcome', async () => {
    const doc = await request(h.app).get('/admin/v1/openapi.json');
    const ops = doc.body.paths['/tenants/{tenantId}/contacts/{contactId}/erasure'];
    expect(ops.get.operationId).toBe('getContactErasure');
    expect(ops.post.operationId).toBe('eraseContact');
    const counts = doc.body.components.schemas.ContactErasureCounts;
    expect(counts.properties.crm.enum).toEqual([
      'erased',
      'not_found',
      'not_configured',
      'rejected',
      'pending',
    ]);
    expect(counts.properties.crmWebhook.enum).toContain('sent');
  });
});
