// The knowledge ingest on the real Temporal server and Postgres: an uploaded document becomes
// knowledge entries, and a re-ingest of the same source rewrites only the chunks that changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnection, Worker } from '@temporalio/worker';
import {
  KNOWLEDGE_INGEST_WORKFLOW,
  knowledgeIngestProgressQuery,
  knowledgeIngestWorkflowId,
  type KnowledgeIngestProgress,
} from '@receptionist/booking-client/messages';
import {
  listSourceEntries,
  saveKnowledgeSource,
  updateKnowledgeEntry,
  type KnowledgeEntry,
} from '@receptionist/db';
import { createLogger } from '@receptionist/observability';
import { createKnowledgeIngestActivities } from '../src/activities/knowledge-ingest.activities.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let worker: Worker;
let running: Promise<void>;
let nc: NativeConnection;
let tenantId: string;
// Records what the index port receives, as Pinecone's namespace would hold it.
const indexed: { tenantId: string; entries: KnowledgeEntry[] }[] = [];

beforeAll(async () => {
  h = await startHarness('knowledge-ingest');
  nc = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  worker = await Worker.create({
    connection: nc,
    taskQueue: h.taskQueue,
    workflowBundle: h.bundle,
    activities: createKnowledgeIngestActivities({
      db: h.db.pool as never,
      logger: createLogger({ service: 'knowledge-test', level: 'silent' }),
      knowledgeIndex: {
        name: 'recording',
        upsert: async (t, entries) => {
          indexed.push({ tenantId: t, entries });
          return { upserted: entries.length };
        },
      },
    }),
  });
  running = worker.run();
  tenantId = (await h.makeTenant({ name: 'Bright Smile' })).id;
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await nc?.close();
  await h?.close();
});

const ingest = async (sourceId: string) => {
  const handle = await h.client.workflow.start(KNOWLEDGE_INGEST_WORKFLOW, {
    taskQueue: h.taskQueue,
    workflowId: knowledgeIngestWorkflowId(tenantId, sourceId),
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    args: [{ tenantId, sourceId }],
  });
  const result = (await handle.result()) as KnowledgeIngestProgress;
  // The query answers after the run too, which is what the admin API's progress route reads.
  expect(await handle.query(knowledgeIngestProgressQuery)).toEqual(result);
  return result;
};

const v1 = `# Opening hours\n\nMonday to Friday 9 to 5.\n\n# Parking\n\nFree behind the clinic.\n\n# Prices\n\nA check-up is 60 EUR.`;
const v2 = `# Opening hours\n\nMonday to Friday 9 to 5.\n\n# Parking\n\nPaid parking on Elm Street.`;

describe('knowledge ingest workflow', () => {
  it('stores the chunks, then on re-ingest rewrites only the changed ones', async () => {
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

    // The same document again: nothing is written.
    expect(await ingest('faq')).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 3,
      deleted: 0,
    });

    await saveKnowledgeSource(h.db.pool, {
      tenantId,
      sourceId: 'faq',
      title: 'faq.md',
      format: 'markdown',
      content: v2,
    });
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
    // The index received the business's entries as they are now.
    expect(indexed.at(-1)!.tenantId).toBe(tenantId);
    // An entry edited by hand is restored by the next ingest of its document.
    await updateKnowledgeEntry(h.db.pool, tenantId, after[0]!.id, { answer: 'Edited.' });
    expect(await ingest('faq')).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await listSourceEntries(h.db.pool, tenantId, 'faq'))[0]!.answer).toBe(
      'Monday to Friday 9 to 5.',
    );
    // (in the index's order, oldest first: rows of one statement share created_at)
    const pushed = indexed.at(-1)!.entries.map((e) => e.answer);
    expect(pushed.sort()).toEqual(after.map((e) => e.answer).sort());
  }, 60_000);

  it('fails without retrying when the document is not stored', async () => {
    await expect(ingest('missing')).rejects.toThrow();
    const handle = h.client.workflow.getHandle(knowledgeIngestWorkflowId(tenantId, 'missing'));
    expect(await handle.query(knowledgeIngestProgressQuery)).toMatchObject({ stage: 'failed' });
  }, 60_000);
});
