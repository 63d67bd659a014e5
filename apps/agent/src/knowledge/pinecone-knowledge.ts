import { Pinecone } from '@pinecone-database/pinecone';
import type { BreakerFactory } from '@receptionist/integrations/breaker';
import { pineconeNamespace } from '@receptionist/integrations/pinecone-namespace';
import type { KnowledgeBase, KnowledgeHit } from './knowledge-base.ts';

/**
 * Pinecone with integrated embedding: one namespace per tenant, records carrying question, answer
 * and tags fields. When Pinecone fails or its circuit is open, the built-in search answers.
 */
export function createPineconeKnowledgeBase(deps: {
  apiKey: string;
  index: string;
  host?: string;
  breakers: BreakerFactory;
  fallback: KnowledgeBase;
  timeoutMs?: number;
}): KnowledgeBase {
  const client = new Pinecone({ apiKey: deps.apiKey, maxRetries: 0 });
  const index = deps.host
    ? client.index({ host: deps.host, name: deps.index })
    : client.index({ name: deps.index });

  const breaker = deps.breakers.create(
    'pinecone_search',
    async (tenantId: string, query: string, limit: number, tag: string | null) => {
      const res = await index.namespace(pineconeNamespace(tenantId)).searchRecords({
        query: {
          topK: limit,
          inputs: { text: query },
          ...(tag ? { filter: { tags: { $in: [tag] } } } : {}),
        },
        fields: ['question', 'answer', 'tags'],
      });
      return res.result.hits.map((h): KnowledgeHit => {
        const f = h.fields as { question?: string; answer?: string; tags?: string[] };
        return {
          id: h._id,
          question: f.question ?? '',
          answer: f.answer ?? '',
          tags: f.tags ?? [],
          score: h._score,
        };
      });
    },
    {
      timeoutMs: deps.timeoutMs ?? 1_500,
      fallback: (_err, tenantId, query, limit, tag) =>
        deps.fallback.search(tenantId, query, { limit, tag: tag ?? undefined }),
    },
  );

  return {
    kind: 'pinecone',
    search: (tenantId, query, opts = {}) =>
      breaker.fire(tenantId, query, opts.limit ?? 3, opts.tag ?? null),
  };
}
