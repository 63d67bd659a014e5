import {
  allKnowledgeEntries,
  countSearchableKnowledge,
  deleteAllKnowledgeEntries,
  deleteKnowledgeEntry,
  getKnowledgeEntry,
  insertKnowledgeEntries,
  listKnowledgeEntries,
  updateKnowledgeEntry,
} from '@receptionist/db';
import { HttpError } from '@receptionist/observability';
import {
  IMPORT_LIMITS,
  ImportError,
  ImportLimitError,
  parseCsvFaq,
  parseMarkdownFaq,
} from './knowledge-import.ts';
import { KnowledgeIndexUnavailableError } from '@receptionist/integrations/pinecone-knowledge';
import { defineRoute, orNotFound } from './route-table.ts';
import {
  knowledgeCreateSchema,
  knowledgeEntrySchema,
  knowledgePatchSchema,
  pageOf,
  pageQuery,
  tenantParams,
  uuid,
  withTenant,
  z,
} from './schemas.ts';

const entryParams = withTenant({ entryId: uuid });

export const knowledgeRoutes = [
  defineRoute({
    operationId: 'listKnowledgeEntries',
    method: 'get',
    path: '/tenants/{tenantId}/knowledge',
    summary: 'List knowledge base entries',
    tag: 'knowledge',
    access: 'tenant',
    params: tenantParams,
    query: pageQuery,
    status: 200,
    response: pageOf('KnowledgeEntry', knowledgeEntrySchema),
    handler: ({ db, params, query }) => listKnowledgeEntries(db, params.tenantId, query),
  }),
  defineRoute({
    operationId: 'createKnowledgeEntry',
    method: 'post',
    path: '/tenants/{tenantId}/knowledge',
    summary: 'Add a question and answer',
    tag: 'knowledge',
    access: 'tenant',
    params: tenantParams,
    body: knowledgeCreateSchema,
    status: 201,
    response: knowledgeEntrySchema,
    handler: async ({ db, params, body, audit }) => {
      const [entry] = await insertKnowledgeEntries(db, params.tenantId, [body]);
      await audit({
        action: 'knowledge.create',
        resourceType: 'knowledge_entry',
        resourceId: entry!.id,
        after: entry,
      });
      return entry;
    },
  }),
  defineRoute({
    operationId: 'getKnowledgeEntry',
    method: 'get',
    path: '/tenants/{tenantId}/knowledge/{entryId}',
    summary: 'Get one entry',
    tag: 'knowledge',
    access: 'tenant',
    params: entryParams,
    status: 200,
    response: knowledgeEntrySchema,
    handler: async ({ db, params }) => {
      return orNotFound(
        await getKnowledgeEntry(db, params.tenantId, params.entryId),
        'knowledge entry',
      );
    },
  }),
  defineRoute({
    operationId: 'updateKnowledgeEntry',
    method: 'patch',
    path: '/tenants/{tenantId}/knowledge/{entryId}',
    summary: 'Change an entry',
    tag: 'knowledge',
    access: 'tenant',
    params: entryParams,
    body: knowledgePatchSchema,
    status: 200,
    response: knowledgeEntrySchema,
    handler: async ({ db, params, body, audit }) => {
      const before = orNotFound(
        await getKnowledgeEntry(db, params.tenantId, params.entryId),
        'knowledge entry',
      );
      const after = await updateKnowledgeEntry(db, params.tenantId, params.entryId, body);
      await audit({
        action: 'knowledge.update',
        resourceType: 'knowledge_entry',
        resourceId: params.entryId,
        before,
        after,
      });
      return after;
    },
  }),
  defineRoute({
    operationId: 'deleteKnowledgeEntry',
    method: 'delete',
    path: '/tenants/{tenantId}/knowledge/{entryId}',
    summary: 'Delete an entry',
    tag: 'knowledge',
    access: 'tenant',
    params: entryParams,
    status: 200,
    response: knowledgeEntrySchema,
    handler: async ({ db, params, audit }) => {
      const removed = orNotFound(
        await deleteKnowledgeEntry(db, params.tenantId, params.entryId),
        'knowledge entry',
      );
      await audit({
        action: 'knowledge.delete',
        resourceType: 'knowledge_entry',
        resourceId: removed.id,
        before: removed,
      });
      return removed;
    },
  }),
  defineRoute({
    operationId: 'importKnowledge',
    method: 'post',
    path: '/tenants/{tenantId}/knowledge/import',
    summary: 'Bulk import a Markdown or CSV FAQ (all or nothing)',
    tag: 'knowledge',
    access: 'tenant',
    params: tenantParams,
    body: z
      .strictObject({
        format: z.enum(['markdown', 'csv']),
        content: z.string().min(1).max(IMPORT_LIMITS.maxContentChars),
        mode: z
          .enum(['append', 'replace'])
          .default('append')
          .openapi({ description: 'replace deletes the existing entries first' }),
      })
      .openapi('KnowledgeImport'),
    status: 201,
    response: z
      .object({ imported: z.number().int(), deleted: z.number().int() })
      .openapi('KnowledgeImportResult'),
    handler: async ({ db, params, body, audit }) => {
      let entries;
      try {
        entries =
          body.format === 'csv' ? parseCsvFaq(body.content) : parseMarkdownFaq(body.content);
      } catch (err) {
        if (err instanceof ImportError) {
          throw new HttpError(400, 'import_invalid', 'the FAQ could not be imported', err.problems);
        }
        if (err instanceof ImportLimitError) {
          throw new HttpError(400, err.code, err.message, {
            limits: IMPORT_LIMITS,
            problems: err.problems,
          });
        }
        throw err;
      }
      const deleted =
        body.mode === 'replace' ? await deleteAllKnowledgeEntries(db, params.tenantId) : 0;
      const inserted = await insertKnowledgeEntries(db, params.tenantId, entries);
      const result = { imported: inserted.length, deleted };
      await audit({
        action: 'knowledge.import',
        resourceType: 'knowledge_entry',
        resourceId: null,
        after: { ...result, format: body.format, mode: body.mode },
      });
      return result;
    },
  }),
  defineRoute({
    operationId: 'reindexKnowledge',
    method: 'post',
    path: '/tenants/{tenantId}/knowledge/reindex',
    summary: 'Rebuild the search index (built-in full-text search or Pinecone)',
    tag: 'knowledge',
    access: 'tenant',
    params: tenantParams,
    body: z
      .strictObject({ target: z.enum(['builtin', 'pinecone']).default('builtin') })
      .openapi('KnowledgeReindex'),
    status: 200,
    response: z
      .object({
        target: z.enum(['builtin', 'pinecone']),
        entries: z.number().int(),
        indexed: z.number().int(),
      })
      .openapi('KnowledgeReindexResult'),
    errors: [409],
    handler: async ({ db, deps, params, body, audit }) => {
      let result;
      if (body.target === 'builtin') {
        // The full-text vector is a generated column: Postgres keeps it current on every write,
        // so there is nothing to rebuild; report what is searchable.
        result = {
          target: 'builtin' as const,
          ...(await countSearchableKnowledge(db, params.tenantId)),
        };
      } else {
        if (!deps.knowledgeIndex) {
          throw new HttpError(
            409,
            'knowledge_index_not_configured',
            'no Pinecone index is configured (PINECONE_API_KEY)',
          );
        }
        const entries = await allKnowledgeEntries(db, params.tenantId);
        try {
          // Record-level: only new or changed entries are re-embedded, removed ones deleted.
          const { indexed } = await deps.knowledgeIndex.sync(params.tenantId, entries);
          result = { target: 'pinecone' as const, entries: entries.length, indexed };
        } catch (err) {
          if (err instanceof KnowledgeIndexUnavailableError) {
            throw new HttpError(503, 'knowledge_index_unavailable', err.message);
          }
          throw err;
        }
      }
      await audit({
        action: 'knowledge.reindex',
        resourceType: 'knowledge_index',
        resourceId: body.target,
        after: result,
      });
      return result;
    },
  }),
];
