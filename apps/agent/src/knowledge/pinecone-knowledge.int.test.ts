import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createLogger, createMetrics } from '@receptionist/observability';
import { seedDemoTenant } from '@receptionist/db';
import {
  createTestDatabase,
  startStandIn,
  type StandIn,
  type TestDatabase,
} from '@receptionist/testing';
import { createPineconeKnowledgeBase } from './pinecone-knowledge.ts';
import { createPostgresKnowledgeBase } from './postgres-knowledge.ts';

let db: TestDatabase;
let tenantId: string;
let pinecone: StandIn;
let failing = false;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ tenantId } = await seedDemoTenant(db.pool));
  pinecone = await startStandIn((req, res) => {
    if (failing) {
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end('{"error":{"code":"UNAVAILABLE"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        result: {
          hits: [
            {
              _id: 'kb-price',
              _score: 0.91,
              fields: {
                question: 'Price of a cleaning?',
                answer: 'It is $120.',
                tags: ['pricing'],
              },
            },
          ],
        },
        usage: { read_units: 1, embed_total_tokens: 5 },
      }),
    );
  });
});
afterAll(async () => {
  await pinecone.close();
  await db.drop();
});

describe('Pinecone knowledge base', () => {
  it('searches the tenant namespace with integrated embedding, and falls back to Postgres', async () => {
    const logger = createLogger({ service: 'agent', level: 'silent' });
    const kb = createPineconeKnowledgeBase({
      apiKey: 'pc-test',
      index: 'receptionist',
      host: pinecone.url,
      breakers: createBreakerFactory({ registry: createMetrics('agent').registry, logger }),
      fallback: createPostgresKnowledgeBase({ db: db.pool }),
    });
    const hits = await kb.search(tenantId, 'how much is a cleaning', { limit: 2 });
    expect(hits).toEqual([
      {
        id: 'kb-price',
        question: 'Price of a cleaning?',
        answer: 'It is $120.',
        tags: ['pricing'],
        score: 0.91,
      },
    ]);
    const sent = pinecone.requests.at(-1)!;
    // The namespace the admin API's reindex writes (apps/backend pinecone-knowledge-index.ts).
    expect(sent.path).toBe(`/records/namespaces/tenant-${tenantId}/search`);
    expect(JSON.parse(sent.body)).toMatchObject({
      query: { top_k: 2, inputs: { text: 'how much is a cleaning' } },
      fields: ['question', 'answer', 'tags'],
    });
    expect(sent.headers['api-key']).toBe('pc-test');

    failing = true;
    const fallback = await kb.search(tenantId, 'how much is a cleaning', { limit: 1 });
    expect(fallback[0]!.answer).toContain('$120');
    expect(fallback[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
