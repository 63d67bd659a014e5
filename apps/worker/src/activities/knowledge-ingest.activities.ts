/**
 * The knowledge ingest's activities: chunk the stored document into entries, and push the
 * business's entries to the external search index when one is configured. Both are idempotent:
 * the entries are synced by chunk position and content hash (same chunks, no writes), and the
 * index upsert replaces the business's namespace as a whole.
 */
import { ApplicationFailure } from '@temporalio/activity';
import {
  allKnowledgeEntries,
  getKnowledgeSource,
  syncSourceChunks,
  type Db,
  type KnowledgeEntry,
} from '@receptionist/db';
import type { Logger } from '@receptionist/observability';
import { ChunkLimitError, chunkDocument } from '../knowledge/knowledge-chunker.ts';

/** The search index port (Pinecone): replaces a business's records with these entries. */
export interface KnowledgeIndexPort {
  readonly name: string;
  upsert(tenantId: string, entries: KnowledgeEntry[]): Promise<{ upserted: number }>;
}

export interface KnowledgeIngestActivityDeps {
  db: Db;
  logger: Logger;
  knowledgeIndex?: KnowledgeIndexPort | null;
}

export function createKnowledgeIngestActivities(deps: KnowledgeIngestActivityDeps) {
  return {
    async ingestKnowledgeChunks(input: { tenantId: string; sourceId: string }) {
      const source = await getKnowledgeSource(deps.db, input.tenantId, input.sourceId);
      if (!source)
        throw ApplicationFailure.nonRetryable('the document is not stored', 'SourceMissing');
      let chunks;
      try {
        chunks = chunkDocument(source.format, source.content, source.title);
      } catch (err) {
        if (err instanceof ChunkLimitError)
          throw ApplicationFailure.nonRetryable(err.message, 'DocumentTooLarge');
        throw err;
      }
      const r = await syncSourceChunks(deps.db, input.tenantId, input.sourceId, chunks);
      deps.logger.info(
        { tenantId: input.tenantId, sourceId: input.sourceId, chunks: chunks.length, ...r },
        'knowledge document ingested',
      );
      return { chunks: chunks.length, ...r };
    },

    async indexKnowledgeEntries(input: { tenantId: string }): Promise<{ indexed: number | null }> {
      if (!deps.knowledgeIndex) return { indexed: null };
      const entries = await allKnowledgeEntries(deps.db, input.tenantId);
      const { upserted } = await deps.knowledgeIndex.upsert(input.tenantId, entries);
      return { indexed: upserted };
    },
  };
}

export type KnowledgeIngestActivities = ReturnType<typeof createKnowledgeIngestActivities>;
