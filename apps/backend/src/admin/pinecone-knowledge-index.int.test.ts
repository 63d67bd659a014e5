import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { insertKnowledgeEntries } from '@receptionist/db';
import { startStandIn, type StandIn } from '@receptionist/testing';
import { startAdmin, type AdminHarness } from '../../test/admin-harness.ts';
import { createPineconeKnowledgeIndex, pineconeNamespace } from './pinecone-knowledge-index.ts';

/** The Pinecone data-plane API as the SDK speaks it: namespace delete and NDJSON record upserts. */
let pinecone: StandIn;
let failing = false;
let h: AdminHarness;

beforeAll(async () => {
  pinecone = await startStandIn((req, res) => {
    if (failing) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'down' } }));
      return;
    }
    if (req.method === 'POST' && req.path === '/vectors/delete') {
      const ns = JSON.parse(req.body).namespace as string;
      const known = pinecone.requests.some((r) => r.path.includes(`/records/namespaces/${ns}/`));
      res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
      res.end(known ? '{}' : JSON.stringify({ code: 5, message: 'Namespace not found' }));
      return;
    }
    if (req.method === 'POST' && /^\/records\/namespaces\/[^/]+\/upsert$/.test(req.path)) {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{}');
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{}');
  });
  h = await startAdmin({
    knowledgeIndex: (breakers) =>
      createPineconeKnowledgeIndex(
        {
          PINECONE_API_KEY: 'pc-test-key',
          PINECONE_INDEX: 'receptionist-knowledge',
          PINECONE_INDEX_HOST: pinecone.url,
          PINECONE_TIMEOUT_MS: 5_000,
        },
        breakers,
      ),
  });
});
afterAll(async () => {
  await h?.close();
  await pinecone?.close();
});

describe('Pinecone reindex', () => {
  it('replaces the business namespace with every entry, in batches of 96', async () => {
    const tenantId = await h.tenant();
    const key = await h.key(tenantId, 'admin');
    await insertKnowledgeEntries(
      h.db,
      tenantId,
      Array.from({ length: 100 }, (_, i) => ({
        question: `Q${i}?`,
        answer: `A${i}.`,
        tags: ['t'],
      })),
    );
    const reindex = () =>
      request(h.app)
        .post(`/admin/v1/tenants/${tenantId}/knowledge/reindex`)
        .set('Authorization', key)
        .send({ target: 'pinecone' });
    const res = await reindex();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ target: 'pinecone', entries: 100, indexed: 100 });
    const ns = pineconeNamespace(tenantId);
    const upserts = pinecone.requests.filter((r) => r.path === `/records/namespaces/${ns}/upsert`);
    expect(upserts).toHaveLength(2);
    expect(upserts[0]!.headers['api-key']).toBe('pc-test-key');
    expect(upserts[0]!.headers['content-type']).toBe('application/x-ndjson');
    const records = upserts.flatMap((u) => u.body.split('\n').map((l) => JSON.parse(l)));
    expect(records).toHaveLength(100);
    expect(records.find((r) => r.question === 'Q0?')).toMatchObject({
      text: 'Q0?\nA0.',
      question: 'Q0?',
      tags: ['t'],
    });
    expect(new Set(records.map((r) => r._id)).size).toBe(100);
    // A second reindex first clears the namespace so deleted entries leave the index.
    expect((await reindex()).status).toBe(200);
    const deletes = pinecone.requests.filter((r) => r.path === '/vectors/delete');
    expect(JSON.parse(deletes.at(-1)!.body)).toMatchObject({ deleteAll: true, namespace: ns });
  });

  it('answers 503 when Pinecone fails, without an audit entry', async () => {
    const tenantId = await h.tenant();
    const key = await h.key(tenantId, 'admin');
    await insertKnowledgeEntries(h.db, tenantId, [{ question: 'Q?', answer: 'A.' }]);
    failing = true;
    try {
      const res = await request(h.app)
        .post(`/admin/v1/tenants/${tenantId}/knowledge/reindex`)
        .set('Authorization', key)
        .send({ target: 'pinecone' });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('knowledge_index_unavailable');
    } finally {
      failing = false;
    }
    const { rows } = await h.db.query(
      `SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = 'knowledge.reindex'`,
      [tenantId],
    );
    expect(rows).toHaveLength(0);
  });
});
