import { knowledgeIngestWorkflowId as workflowId } from '@receptionist/booking-client/messages';
import { saveKnowledgeSource } from '@receptionist/db';
import { HttpError } from '@receptionist/observability';
import { defineRoute } from './route-table.ts';
import { tenantParams, withTenant, z } from './schemas.ts';

/** Characters of one uploaded document (the JSON body cap, 1 MiB, answers 413 above it). */
export const INGEST_MAX_CHARS = 1_000_000;

// One character class, anchored: matched in linear time.
const sourceId = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'lowercase letters, digits and dashes, at most 64')
  .openapi({ example: 'clinic-faq' });

const ingestParams = withTenant({ sourceId });

const ingestBody = z
  .object({
    sourceId,
    title: z.string().trim().min(1).max(200),
    format: z.enum(['markdown', 'html', 'text']),
    content: z.string().min(1).max(INGEST_MAX_CHARS),
  })
  .strict()
  .openapi('KnowledgeIngestRequest');

const progressSchema = z
  .object({
    sourceId: z.string(),
    workflowId: z.string(),
    stage: z.enum(['queued', 'chunking', 'indexing', 'done', 'failed']),
    chunks: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    deleted: z.number().int(),
    indexed: z.number().int().nullable(),
    error: z.string().optional(),
  })
  .openapi('KnowledgeIngestProgress');

export const knowledgeIngestRoutes = [
  defineRoute({
    operationId: 'ingestKnowledgeDocument',
    method: 'post',
    path: '/tenants/{tenantId}/knowledge/ingest',
    summary: 'Upload a Markdown, HTML or text document to chunk into the knowledge base',
    tag: 'knowledge',
    access: 'tenant',
    params: tenantParams,
    body: ingestBody,
    status: 202,
    response: z
      .object({ sourceId: z.string(), workflowId: z.string() })
      .openapi('KnowledgeIngestStarted'),
    errors: [409, 503],
    handler: async ({ db, deps, params, body, audit }) => {
      if (!deps.knowledgeIngest)
        throw new HttpError(503, 'knowledge_ingest_unavailable', 'ingest cannot be started now');
      await saveKnowledgeSource(db, { tenantId: params.tenantId, ...body });
      const r = await deps.knowledgeIngest.start(params.tenantId, body.sourceId);
      if (r === 'running')
        throw new HttpError(409, 'ingest_running', 'this document is already being ingested');
      if (r === 'unavailable')
        throw new HttpError(503, 'knowledge_ingest_unavailable', 'ingest cannot be started now');
      const id = workflowId(params.tenantId, body.sourceId);
      await audit({
        action: 'knowledge.ingest',
        resourceType: 'knowledge',
        resourceId: body.sourceId,
        after: { workflowId: id, format: body.format, chars: body.content.length },
      });
      return { sourceId: body.sourceId, workflowId: id };
    },
  }),
  defineRoute({
    operationId: 'getKnowledgeIngestProgress',
    method: 'get',
    path: '/tenants/{tenantId}/knowledge/ingest/{sourceId}',
    summary: "A document ingest's progress",
    tag: 'knowledge',
    access: 'tenant',
    params: ingestParams,
    status: 200,
    response: progressSchema,
    errors: [404, 503],
    handler: async ({ deps, params }) => {
      const p =
        (await deps.knowledgeIngest?.progress(params.tenantId, params.sourceId)) ?? 'unavailable';
      if (p === 'not_found') throw new HttpError(404, 'not_found', 'no ingest of this document');
      if (p === 'unavailable')
        throw new HttpError(503, 'knowledge_ingest_unavailable', 'progress cannot be read now');
      return {
        sourceId: params.sourceId,
        workflowId: workflowId(params.tenantId, params.sourceId),
        ...p,
      };
    },
  }),
];
