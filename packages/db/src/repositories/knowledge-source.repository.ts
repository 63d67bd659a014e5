import type { Queryable } from '../pool.ts';
import {
  KNOWLEDGE_ENTRY_COLUMNS,
  mapKnowledgeEntry,
  type KnowledgeEntry,
} from './knowledge.repository.ts';

export type KnowledgeSourceFormat = 'markdown' | 'html' | 'text';

export interface KnowledgeSource {
  tenantId: string;
  sourceId: string;
  title: string;
  format: KnowledgeSourceFormat;
  content: string;
  updatedAt: Date;
}

/** Stores (or replaces) an uploaded document; the ingest workflow reads it by id. */
export async function saveKnowledgeSource(
  db: Queryable,
  s: Omit<KnowledgeSource, 'updatedAt'>,
): Promise<void> {
  await db.query(
    `INSERT INTO knowledge_sources (tenant_id, source_id, title, format, content)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, source_id) DO UPDATE
       SET title = EXCLUDED.title, format = EXCLUDED.format, content = EXCLUDED.content,
           updated_at = now()`,
    [s.tenantId, s.sourceId, s.title, s.format, s.content],
  );
}

export async function getKnowledgeSource(
  db: Queryable,
  tenantId: string,
  sourceId: string,
): Promise<KnowledgeSource | null> {
  const { rows } = await db.query(
    `SELECT tenant_id, source_id, title, format, content, updated_at
       FROM knowledge_sources WHERE tenant_id = $1 AND source_id = $2`,
    [tenantId, sourceId],
  );
  const r = rows[0];
  return r
    ? {
        tenantId: r.tenant_id as string,
        sourceId: r.source_id as string,
        title: r.title as string,
        format: r.format as KnowledgeSourceFormat,
        content: r.content as string,
        updatedAt: r.updated_at as Date,
      }
    : null;
}

export interface SourceChunk {
  index: number;
  heading: string;
  text: string;
  hash: string;
}

/**
 * Makes the source's entries equal to these chunks: a chunk whose stored hash is the same is left
 * untouched (its id and updated_at stay), a changed one is rewritten, a new one inserted, and
 * entries past the new end deleted. Idempotent: a second call with the same chunks changes nothing.
 */
export async function syncSourceChunks(
  db: Queryable,
  tenantId: string,
  sourceId: string,
  chunks: SourceChunk[],
): Promise<{ inserted: number; updated: number; unchanged: number; deleted: number }> {
  const payload = JSON.stringify(
    chunks.map((c) => ({ i: c.index, q: c.heading, a: c.text, h: c.hash })),
  );
  const { rows } = await db.query(
    `WITH incoming AS (
       SELECT (e->>'i')::int AS i, e->>'q' AS q, e->>'a' AS a, e->>'h' AS h
         FROM jsonb_array_elements($3::jsonb) AS x(e)
     ), upserted AS (
       INSERT INTO knowledge_entries (tenant_id, question, answer, source_id, source_chunk, content_hash)
       SELECT $1, q, a, $2, i, h FROM incoming
       ON CONFLICT (tenant_id, source_id, source_chunk) WHERE source_id IS NOT NULL DO UPDATE
         SET question = EXCLUDED.question, answer = EXCLUDED.answer,
             content_hash = EXCLUDED.content_hash, updated_at = now()
         WHERE knowledge_entries.content_hash IS DISTINCT FROM EXCLUDED.content_hash
       RETURNING (xmax = 0) AS inserted
     ), removed AS (
       DELETE FROM knowledge_entries
        WHERE tenant_id = $1 AND source_id = $2
          AND source_chunk NOT IN (SELECT i FROM incoming)
       RETURNING id
     )
     SELECT (SELECT count(*) FROM upserted WHERE inserted)::int AS inserted,
            (SELECT count(*) FROM upserted WHERE NOT inserted)::int AS updated,
            (SELECT count(*) FROM removed)::int AS deleted`,
    [tenantId, sourceId, payload],
  );
  const r = rows[0] as { inserted: number; updated: number; deleted: number };
  return { ...r, unchanged: chunks.length - r.inserted - r.updated };
}

/** The source's entries in chunk order (what the external index receives). */
export async function listSourceEntries(
  db: Queryable,
  tenantId: string,
  sourceId: string,
): Promise<(KnowledgeEntry & { contentHash: string })[]> {
  const { rows } = await db.query(
    `SELECT ${KNOWLEDGE_ENTRY_COLUMNS}, content_hash
       FROM knowledge_entries WHERE tenant_id = $1 AND source_id = $2 ORDER BY source_chunk`,
    [tenantId, sourceId],
  );
  return rows.map((r) => ({ ...mapKnowledgeEntry(r), contentHash: r.content_hash as string }));
}
