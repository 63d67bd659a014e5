import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import {
  deleteKnowledgeEntry,
  insertKnowledgeEntries,
  updateKnowledgeEntry,
} from '@receptionist/db';
import {
  createPineconeKnowledgeIndex,
  pineconeNamespace,
} from '@receptionist/integrations/pinecone-knowledge';
import { startPineconeStandIn, type PineconeStandIn } from '@receptionist/testing';
import { startAdmin, type AdminHarness } from '../../test/admin-harness.ts';

// The admin API's reindex through the shared adapter, against a stand-in of Pinecone's
// data-plane API that keeps each namespace's records.
let pinecone: PineconeStandIn;
let h: AdminHarness;

beforeAll(async () => {
  pinecone = await startPineconeStandIn();
  h = await startAdmin({
    knowledgeIndex: (breakers) =>
      createPineconeKnowledgeIndex(
        {
          apiKey: pinecone.apiKey,
          index: 'receptionist-knowledge',
          indexHost: pinecone.url,
          timeoutMs: 5_000,
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
  it('fills the business namespace in batches of 96, then writes only what changed', async () => {
    const tenantId = await h.tenant();
    const key = await h.key(tenantId, 'admin');
    const made = await insertKnowledgeEntries(
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
    const upsertsOf = () =>
      pinecone.requests.filter((r) => r.path === `/records/namespaces/${ns}/upsert`);
    expect(upsertsOf()).toHaveLength(2);
    expect(upsertsOf()[0]!.headers['api-key']).toBe(pinecone.apiKey);
    expect(upsertsOf()[0]!.headers['content-type']).toBe('application/x-ndjson');
    const held = pinecone.namespaces.get(ns)!;
    expect(held.size).toBe(100);
    expect([...held.values()].find((r) => r.question === 'Q0?')).toMatchObject({
      text: 'Q0?\nA0.',
      question: 'Q0?',
      answer: 'A0.',
      tags: ['t'],
    });

    // Nothing changed: no upsert, no delete.
    expect((await reindex()).status).toBe(200);
    expect(upsertsOf()).toHaveLength(2);
    expect(pinecone.requests.filter((r) => r.path === '/vectors/delete')).toHaveLength(0);

    // One edited, one deleted: one record upserted, one id deleted, the other 98 untouched.
    const edited = made.find((e) => e.question === 'Q5?')!;
    const removed = made.find((e) => e.question === 'Q7?')!;
    await updateKnowledgeEntry(h.db, tenantId, edited.id, { answer: 'Five, edited.' });
    await deleteKnowledgeEntry(h.db, tenantId, removed.id);
    const third = await reindex();
    expect(third.body).toEqual({ target: 'pinecone', entries: 99, indexed: 99 });
    const last = upsertsOf()
      .at(-1)!
      .body.split('\n')
      .map((l) => JSON.parse(l));
    expect(last.map((r) => r._id)).toEqual([edited.id]);
    const deletes = pinecone.requests.filter((r) => r.path === '/vectors/delete');
    expect(JSON.parse(deletes.at(-1)!.body)).toEqual({ ids: [removed.id], namespace: ns });
    expect(held.size).toBe(99);
    expect(held.get(edited.id)).toMatchObject({ answer: 'Five, edited.' });
  });

  it('answers 503 when Pinecone fails, without an audit entry', async () => {
    const tenantId = await h.tenant();
    const key = await h.key(tenantId, 'admin');
    await insertKnowledgeEntries(h.db, tenantId, [{ question: 'Q?', answer: 'A.' }]);
    pinecone.failing = true;
    try {
      const res = await request(h.app)
        .post(`/admin/v1/tenants/${tenantId}/knowledge/reindex`)
        .set('Authorization', key)
        .send({ target: 'pinecone' });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('knowledge_index_unavailable');
    } finally {
      pinecone.failing = false;
    }
    const { rows } = await h.db.query(
      `SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = 'knowledge.reindex'`,
      [tenantId],
    );
    expect(rows).toHaveLength(0);
  });
});
