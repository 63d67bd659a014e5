import { Pinecone } from '@pinecone-database/pinecone';
import type { BackendConfig } from '@receptionist/config';
import type { KnowledgeEntry } from '@receptionist/db';
import type { BreakerFactory } from '@receptionist/integrations/breaker';
import { pineconeNamespace } from '@receptionist/integrations/pinecone-namespace';
import { KnowledgeIndexUnavailableError, type KnowledgeIndex } from './knowledge-index.ts';

// Pinecone accepts at most 96 text records per integrated-embedding upsert.
const BATCH = 96;

export { pineconeNamespace };

/**
 * The knowledge index in Pinecone: an index with integrated embedding (field `text`), one
 * namespace per business so a search can never cross businesses. Reindexing clears the
 * namespace and upserts every entry, so deleted entries disappear from search too.
 * null when PINECONE_API_KEY is unset.
 */
export function createPineconeKnowledgeIndex(
  config: Pick<
    BackendConfig,
    'PINECONE_API_KEY' | 'PINECONE_INDEX' | 'PINECONE_INDEX_HOST' | 'PINECONE_TIMEOUT_MS'
  >,
  breakers: BreakerFactory,
  opts: { controllerHostUrl?: string } = {},
): KnowledgeIndex | null {
  if (!config.PINECONE_API_KEY) return null;
  const pc = new Pinecone({
    apiKey: config.PINECONE_API_KEY,
    // The breaker decides about retrying: one slow attempt must not become four.
    maxRetries: 0,
    ...(opts.controllerHostUrl ? { controllerHostUrl: opts.controllerHostUrl } : {}),
  });
  const index = pc.index({
    name: config.PINECONE_INDEX,
    ...(config.PINECONE_INDEX_HOST ? { host: config.PINECONE_INDEX_HOST } : {}),
  });
  const replaceNamespace = async (tenantId: string, entries: KnowledgeEntry[]) => {
    const ns = index.namespace(pineconeNamespace(tenantId));
    try {
      await ns.deleteAll();
    } catch (err) {
      // A business that was never indexed has no namespace yet: nothing to clear.
      if ((err as { name?: string }).name !== 'PineconeNotFoundError') throw err;
    }
    for (let i = 0; i < entries.length; i += BATCH) {
      await ns.upsertRecords({
        records: entries.slice(i, i + BATCH).map((e) => ({
          _id: e.id,
          text: `${e.question}\n${e.answer}`,
          question: e.question,
          answer: e.answer,
          tags: e.tags,
        })),
      });
    }
    return { upserted: entries.length };
  };
  const breaker = breakers.create('pinecone_knowledge_upsert', replaceNamespace, {
    timeoutMs: config.PINECONE_TIMEOUT_MS,
    fallback: (err) => {
      throw new KnowledgeIndexUnavailableError(err);
    },
  });
  return { name: 'pinecone', upsert: (tenantId, entries) => breaker.fire(tenantId, entries) };
}
