/**
 * The knowledge ingest's activities: chunk the stored document into entries, and push the
 * business's entries to the external search index when one is configured. Both are idempotent:
 * the entries are synced by chunk position and content hash (same chunks, no writes), and the
 * index sync is record-level (new or changed records upserted, removed ids deleted), so a retry
 * or a re-ingest of an edited document writes only the difference.
 */
import { ApplicationFailure } from '@temporalio/activity';
import {
  allKnowledgeEntries,
  getKnowledgeSource,
  syncSourceChunks,
  type Db,
} from '@receptionist/db';
import type { KnowledgeIndex } from '@receptionist/integrations/pinecone-knowledge';
import type { Logger } from '@receptionist/observability';
import { ChunkLimitError, chunkDocument } from '../knowledge/knowledge-chunker.ts';

/** The external search index (Pinecone, `@receptionist/integrations/pinecone-knowledge`). */
export type KnowledgeIndexPort = KnowledgeIndex;

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
      const r = await deps.knowledgeIndex.sync(input.tenantId, entries);
      deps.logger.info(
        { tenantId: input.tenantId, index: deps.knowledgeIndex.name, ...r },
        'knowledge index synced',
      );
      return { indexed: r.indexed };
    },
  };
}

export type KnowledgeIngestActivities = ReturnType<typeof createKnowledgeIngestActivities>;
