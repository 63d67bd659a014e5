/**
 * The knowledge ingest workflow's public surface: id, input and the progress query. The admin
 * API starts it after storing an uploaded document and reads its progress with the query.
 */
import { defineQuery } from '@temporalio/workflow';

export const KNOWLEDGE_INGEST_WORKFLOW = 'knowledgeIngestWorkflow';
/** One ingest at a time per document: re-uploading the same source reuses the id. */
export const knowledgeIngestWorkflowId = (tenantId: string, sourceId: string) =>
  `knowledge-ingest-${tenantId}-${sourceId}`;

export interface KnowledgeIngestInput {
  tenantId: string;
  sourceId: string;
}

export interface KnowledgeIngestProgress {
  /** 'chunking' covers splitting the document and storing its changed chunks (one activity). */
  /** 'queued': started, and no worker has taken it up yet. */
  stage: 'queued' | 'chunking' | 'indexing' | 'done' | 'failed';
  chunks: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Records pushed to the external index; null when none is configured. */
  indexed: number | null;
  error?: string;
}

export const knowledgeIngestProgressQuery =
  defineQuery<KnowledgeIngestProgress>('knowledgeIngestProgress');
