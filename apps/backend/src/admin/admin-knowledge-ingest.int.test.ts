import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { knowledgeIngestWorkflowId } from '@receptionist/booking-client/messages';
import { getKnowledgeSource } from '@receptionist/db';
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
  await h.temporal.workflow
    .getHandle(knowledgeIngestWorkflowId(a, 'clinic-faq'))
    .terminate('test over')
    .catch(() => undefined);
  await h?.close();
});

const ingest = (body: object) =>
  request(h.app)
    .post(`/admin/v1/tenants/${a}/knowledge/ingest`)
    .set('Authorization', adminA)
    .send(body);
const progress = (sourceId: string) =>
  request(h.app)
    .get(`/admin/v1/tenants/${a}/knowledge/ingest/${sourceId}`)
    .set('Authorization', adminA);
const doc = {
  sourceId: 'clinic-faq',
  title: 'Clinic FAQ',
  format: 'markdown',
  content: '# Hours\n\n9 to 5.',
};

describe('knowledge ingest in the admin API', () => {
  it('stores the document and starts its ingest workflow, one at a time', async () => {
    const res = await ingest(doc);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual({
      sourceId: 'clinic-faq',
      workflowId: knowledgeIngestWorkflowId(a, 'clinic-faq'),
    });
    expect(await getKnowledgeSource(h.db, a, 'clinic-faq')).toMatchObject({
      format: 'markdown',
      content: doc.content,
    });
    const d = await h.temporal.workflow.getHandle(res.body.workflowId).describe();
    expect(d.type).toBe('knowledgeIngestWorkflow');

    const again = await ingest(doc);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ingest_running');
    // No worker has taken it up: it is queued, answered at once rather than a query that waits.
    const queued = await progress('clinic-faq');
    expect(queued.status, JSON.stringify(queued.body)).toBe(200);
    expect(queued.body).toMatchObject({ stage: 'queued', chunks: 0 });

    // A closed ingest reports from its outcome (no worker runs this test's queue).
    await h.temporal.workflow.getHandle(res.body.workflowId).terminate('test');
    const p = await progress('clinic-faq');
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body).toMatchObject({ sourceId: 'clinic-faq', stage: 'failed' });
  });

  it('refuses bad types, sizes and ids with machine-readable errors', async () => {
    const bad = [
      { ...doc, format: 'pdf' },
      { ...doc, content: '' },
      { ...doc, content: 'x'.repeat(1_000_001) },
      { ...doc, sourceId: 'Not An Id!' },
      { ...doc, extra: true },
    ];
    for (const body of bad) {
      const res = await ingest(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(typeof res.body.error.code).toBe('string');
    }
    expect(await getKnowledgeSource(h.db, a, 'not-stored')).toBeNull();
  });

  it('documents the upload with its limits in the OpenAPI document', async () => {
    const doc = await request(h.app).get('/admin/v1/openapi.json');
    const op = doc.body.paths['/tenants/{tenantId}/knowledge/ingest'].post;
    expect(op.operationId).toBe('ingestKnowledgeDocument');
    const body = doc.body.components.schemas.KnowledgeIngestRequest;
    expect(body.properties.format.enum).toEqual(['markdown', 'html', 'text']);
    expect(body.properties.content.maxLength).toBe(1_000_000);
    expect(doc.body.paths['/tenants/{tenantId}/knowledge/ingest/{sourceId}'].get).toBeDefined();
  });

  it('answers 404 for a document never ingested', async () => {
    const res = await progress('never-uploaded');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
