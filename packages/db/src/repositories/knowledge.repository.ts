import type { Queryable } from '../pool.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';

export interface KnowledgeEntry {
  id: string;
  tenantId: string;
  question: string;
  answer: string;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
}

export const KNOWLEDGE_ENTRY_COLUMNS =
  'id, tenant_id, question, answer, tags, created_at, updated_at';

export function mapKnowledgeEntry(r: Record<string, unknown>): KnowledgeEntry {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    question: r.question as string,
    answer: r.answer as string,
    tags: r.tags as string[],
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

export interface NewKnowledgeEntry {
  question: string;
  answer: string;
  tags?: string[];
}

export async function insertKnowledgeEntries(
  db: Queryable,
  tenantId: string,
  entries: NewKnowledgeEntry[],
): Promise<KnowledgeEntry[]> {
  if (entries.length === 0) return [];
  // One statement for the whole import, rows kept in the order they were given.
  const { rows } = await db.query(
    `INSERT INTO knowledge_entries (tenant_id, question, answer, tags)
     SELECT $1, e->>'question', e->>'answer', ARRAY(SELECT jsonb_array_elements_text(e->'tags'))
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(e, n) ORDER BY n
     RETURNING ${KNOWLEDGE_ENTRY_COLUMNS}`,
    [tenantId, JSON.stringify(entries.map((e) => ({ ...e, tags: e.tags ?? [] })))],
  );
  return rows.map(mapKnowledgeEntry);
}

export async function getKnowledgeEntry(
  db: Queryable,
  tenantId: string,
  entryId: string,
): Promise<KnowledgeEntry | null> {
  const { rows } = await db.query(
    `SELECT ${KNOWLEDGE_ENTRY_COLUMNS} FROM knowledge_entries WHERE tenant_id = $1 AND id = $2`,
    [tenantId, entryId],
  );
  return rows[0] ? mapKnowledgeEntry(rows[0]) : null;
}

export async function updateKnowledgeEntry(
  db: Queryable,
  tenantId: string,
  entryId: string,
  patch: Partial<NewKnowledgeEntry>,
): Promise<KnowledgeEntry | null> {
  const { rows } = await db.query(
    `UPDATE knowledge_entries SET question = COALESCE($3, question), answer = COALESCE($4, answer),
        tags = COALESCE($5, tags), updated_at = now(),
        -- An ingested chunk edited by hand no longer matches its document: the next ingest
        -- of that document writes it again.
        content_hash = NULL
      WHERE tenant_id = $1 AND id = $2 RETURNING ${KNOWLEDGE_ENTRY_COLUMNS}`,
    [tenantId, entryId, patch.question ?? null, patch.answer ?? null, patch.tags ?? null],
  );
  return rows[0] ? mapKnowledgeEntry(rows[0]) : null;
}

export async function deleteKnowledgeEntry(
  db: Queryable,
  tenantId: string,
  entryId: string,
): Promise<KnowledgeEntry | null> {
  const { rows } = await db.query(
    `DELETE FROM knowledge_entries WHERE tenant_id = $1 AND id = $2 RETURNING ${KNOWLEDGE_ENTRY_COLUMNS}`,
    [tenantId, entryId],
  );
  return rows[0] ? mapKnowledgeEntry(rows[0]) : null;
}

export async function deleteAllKnowledgeEntries(db: Queryable, tenantId: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM knowledge_entries WHERE tenant_id = $1', [
    tenantId,
  ]);
  return rowCount ?? 0;
}

export async function listKnowledgeEntries(
  db: Queryable,
  tenantId: string,
  page: PageRequest,
): Promise<Page<KnowledgeEntry>> {
  return listPage(
    db,
    { table: 'knowledge_entries', columns: KNOWLEDGE_ENTRY_COLUMNS, map: mapKnowledgeEntry },
    tenantId,
    page,
  );
}

/** Every entry of a business, oldest first, for pushing into an external index. */
export async function allKnowledgeEntries(
  db: Queryable,
  tenantId: string,
): Promise<KnowledgeEntry[]> {
  const { rows } = await db.query(
    `SELECT ${KNOWLEDGE_ENTRY_COLUMNS} FROM knowledge_entries WHERE tenant_id = $1 ORDER BY created_at, id`,
    [tenantId],
  );
  return rows.map(mapKnowledgeEntry);
}

/** What the built-in full-text index holds for a business (the tsvector column is generated). */
export async function countSearchableKnowledge(
  db: Queryable,
  tenantId: string,
): Promise<{ entries: number; indexed: number }> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS entries, count(*) FILTER (WHERE search <> ''::tsvector)::int AS indexed
       FROM knowledge_entries WHERE tenant_id = $1`,
    [tenantId],
  );
  return { entries: rows[0].entries as number, indexed: rows[0].indexed as number };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The business's own entries among the given ids, in the order given; ids of another business or
 * of no entry are left out. At most 20, so a caller cannot make it read the whole table.
 */
export async function knowledgeEntriesByIds(
  db: Queryable,
  tenantId: string,
  ids: readonly string[],
): Promise<KnowledgeEntry[]> {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))].slice(0, 20);
  if (wanted.length === 0) return [];
  const { rows } = await db.query(
    `SELECT ${KNOWLEDGE_ENTRY_COLUMNS} FROM knowledge_entries WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, wanted],
  );
  const byId = new Map(rows.map((r) => [r.id as string, mapKnowledgeEntry(r)]));
  return wanted.flatMap((id) => byId.get(id) ?? []);
}
