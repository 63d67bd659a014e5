import type { Queryable } from '@receptionist/db';
import { searchTerms, type KnowledgeBase, type KnowledgeHit } from './knowledge-base.ts';

/** The built-in default: knowledge_entries.search (tsvector, 'english'), any term may match. */
export function createPostgresKnowledgeBase(deps: { db: Queryable }): KnowledgeBase {
  return {
    kind: 'postgres',
    async search(tenantId, query, opts = {}) {
      const terms = searchTerms(query);
      if (terms.length === 0) return [];
      const { rows } = await deps.db.query(
        `SELECT id, question, answer, tags, ts_rank_cd(search, q) AS score
           FROM knowledge_entries, to_tsquery('english', $2) q
          WHERE tenant_id = $1 AND search @@ q AND ($3::text IS NULL OR $3 = ANY(tags))
          ORDER BY score DESC, created_at LIMIT $4`,
        [tenantId, terms.join(' | '), opts.tag ?? null, opts.limit ?? 3],
      );
      return rows.map((r): KnowledgeHit => ({
        id: r.id as string,
        question: r.question as string,
        answer: r.answer as string,
        tags: r.tags as string[],
        score: Number(r.score),
      }));
    },
  };
}
