// The knowledge ingest on the real Temporal server and Postgres, with the worker's Pinecone
// adapter against a stand-in of Pinecone's data-plane API: an uploaded document becomes knowledge
// entries and the records of the business's namespace, and a re-ingest of the same source
// rewrites only the chunks (and records) that changed; another business's namespace is untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KNOWLEDGE_INGEST_WORKFLOW,
  knowledgeIngestProgressQuery,
  knowledgeIngestWorkflowId,
  type KnowledgeIngestProgress,
} from '@receptionist/booking-client/messages';
import { Registry } from 'prom-client';
import { listSourceEntries, saveKnowledgeSource, updateKnowledgeEntry } from '@receptionist/db';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import {
  createPineconeKnowledgeIndex,
  pineconeNamespace,
} from '@receptionist/integrations/pinecone-knowledge';
import { createLogger } from '@receptionist/observability';
import {
  startPineconeStandIn,
  type PineconeRecord,
  type PineconeStandIn,
} from '@receptionist/testing';
import { createKnowledgeIngestActivities } from '../src/activities/knowledge-ingest.activities.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let tenantId: string;
let otherTenantId: string;
let pinecone: PineconeStandIn;
const logger = createLogger({ service: 'knowledge-test', level: 'silent' });

beforeAll(async () => {
  h = await startHarness('knowledge-ingest');
  pinecone = await startPineconeStandIn();
  await h.startWorker(
    createKnowledgeIngestActivities({
      db: h.db.pool as never,
      logger,
      // As the worker's main.ts wires it from PINECONE_*.
      knowledgeIndex: createPineconeKnowledgeIndex(
        {
          apiKey: pinecone.apiKey,
          index: 'receptionist-knowledge',
          indexHost: pinecone.url,
          timeoutMs: 5_000,
        },
        createBreakerFactory({ registry: new Registry(), logger }),
      ),
    }),
  );
  tenantId = (await h.makeTenant({ name: 'Bright Smile' })).id;
  otherTenantId = (await h.makeTenant({ name: 'Other Clinic' })).id;
}, 120_000);

afterAll(async () => {
  await h?.close();
  await pinecone?.close();
});

const ingest = async (sourceId: string, tenant = tenantId) => {
  const handle = await h.client.workflow.start(KNOWLEDGE_INGEST_WORKFLOW, {
    taskQueue: h.taskQueue,
    workflowId: knowledgeIngestWorkflowId(tenant, sourceId),
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    args: [{ tenantId: tenant, sourceId }],
  });
  const result = (await handle.result()) as KnowledgeIngestProgress;
  // The query answers after the run too, which is what the admin API's progress route reads.
  expect(await handle.query(knowledgeIngestProgressQuery)).toEqual(result);
  return result;
};

const v1 = `# Opening hours\n\nMonday to Friday 9 to 5.\n\n# Parking\n\nFree behind the clinic.\n\n# Prices\n\nA check-up is 60 EUR.`;
const v2 = `# Opening hours\n\nMonday to Friday 9 to 5.\n\n# Parking\n\nPaid parking on Elm Street.`;

// The records of a namespace as the stand-in holds them, by id.
const records = (tenant: string): Record<string, PineconeRecord> =>
  Object.fromEntries(pinecone.namespaces.get(pineconeNamespace(tenant)) ?? new Map());
const writesTo = (tenant: string) =>
  pinecone.requests.filter(
    (r) =>
      r.path === `/records/namespaces/${pineconeNamespace(tenant)}/upsert` ||
      (r.path === '/vectors/delete' && r.body.includes(pineconeNamespace(tenant))),
  );
const upsertedIds = (from: number) =>
  writesTo(tenantId)
    .slice(from)
    .filter((r) => r.path.endsWith('/upsert'))
    .flatMap((r) => r.body.split('\n').map((l) => JSON.parse(l)._id as string));

describe('knowledge ingest workflow', () => {
  it('stores the chunks, then on re-ingest rewrites only the changed ones', async () => {
    // Another business's document, indexed first: nothing of ours may touch its namespace.
    await saveKnowledgeSource(h.db.pool, {
      tenantId: otherTenantId,
      sourceId: 'faq',
      title: 'faq.md',
      format: 'markdown',
      content: `# Parking\n\nNo parking here.`,
    });
    expect(await ingest('faq', otherTenantId)).toMatchObject({ stage: 'done', indexed: 1 });
    const otherBefore = records(otherTenantId);
    expect(Object.values(otherBefore).map((r) => r.answer)).toEqual(['No parking here.']);
    const otherWrites = writesTo(otherTenantId).length;

    await saveKnowledgeSource(h.db.pool, {
      tenantId,
      sourceId: 'faq',
      title: 'faq.md',
      format: 'markdown',
      content: v1,
    });
    const first = await ingest('faq');
    expect(first).toMatchObject({ stage: 'done', chunks: 3, inserted: 3, updated: 0, deleted: 0 });
    expect(first.indexed).toBe(3);
    const before = await listSourceEntries(h.db.pool, tenantId, 'faq');
    expect(before.map((e) => e.question)).toEqual(['Opening hours', 'Parking', 'Prices']);
    // The business's namespace holds one record per entry, embedded from question and answer.
    const held = records(tenantId);
    expect(Object.keys(held).sort()).toEqual(before.map((e) => e.id).sort());
    expect(held[before[1]!.id]).toMatchObject({
      text: 'Parking\nFree behind the clinic.',
      question: 'Parking',
      answer: 'Free behind the clinic.',
    });
    let seen = writesTo(tenantId).length;

    // The same document again: nothing is written.
    expect(await ingest('faq')).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 3,
      deleted: 0,
      indexed: 3,
    });
    // ... and nothing is written to Pinecone either.
    expect(writesTo(tenantId)).toHaveLength(seen);

    await saveKnowledgeSource(h.db.pool, {
      tenantId,
      sourceId: 'faq',
      title: 'faq.md',
      format: 'markdown',
      content: v2,
    });
    seen = writesTo(tenantId).length;
    const second = await ingest('faq');
    expect(second).toMatchObject({ chunks: 2, inserted: 0, updated: 1, unchanged: 1, deleted: 1 });
    const after = await listSourceEntries(h.db.pool, tenantId, 'faq');
    expect(after.map((e) => e.answer)).toEqual([
      'Monday to Friday 9 to 5.',
      'Paid parking on Elm Street.',
    ]);
    // The unchanged chunk is the same row, untouched; the changed one kept its id.
    expect(after[0]).toEqual(before[0]);
    expect(after[1]!.id).toBe(before[1]!.id);
    expect(after[1]!.updatedAt.getTime()).toBeGreaterThan(before[1]!.updatedAt.getTime());
    // In Pinecone: the edited chunk's record alone re-upserted, the removed chunk's id deleted,
    // the unchanged record left as it was.
    expect(upsertedIds(seen)).toEqual([after[1]!.id]);
    const deletes = writesTo(tenantId)
      .slice(seen)
      .filter((r) => r.path === '/vectors/delete')
      .map((r) => JSON.parse(r.body));
    expect(deletes).toEqual([{ ids: [before[2]!.id], namespace: pineconeNamespace(tenantId) }]);
    const now = records(tenantId);
    expect(Object.keys(now).sort()).toEqual(after.map((e) => e.id).sort());
    expect(now[after[1]!.id]).toMatchObject({ answer: 'Paid parking on Elm Street.' });
    expect(now[after[0]!.id]).toEqual(held[after[0]!.id]);
    // An entry edited by hand is restored by the next ingest of its document.
    await updateKnowledgeEntry(h.db.pool, tenantId, after[0]!.id, { answer: 'Edited.' });
    seen = writesTo(tenantId).length;
    expect(await ingest('faq')).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await listSourceEntries(h.db.pool, tenantId, 'faq'))[0]!.answer).toBe(
      'Monday to Friday 9 to 5.',
    );
    // The restored text is what the record already held: Pinecone sees no write.
    expect(writesTo(tenantId)).toHaveLength(seen);
    expect(
      Object.values(records(tenantId))
        .map((r) => r.answer as string)
        .sort(),
    ).toEqual(after.map((e) => e.answer).sort());
    // The other business's namespace: the same records, never written again.
    expect(records(otherTenantId)).toEqual(otherBefore);
    expect(writesTo(otherTenantId)).toHaveLength(otherWrites);
  }, 60_000);

  it('fails without retrying when the document is not stored', async () => {
    await expect(ingest('missing')).rejects.toThrow();
    const handle = h.client.workflow.getHandle(knowledgeIngestWorkflowId(tenantId, 'missing'));
    expect(await handle.query(knowledgeIngestProgressQuery)).toMatchObject({ stage: 'failed' });
  }, 60_000);
});
