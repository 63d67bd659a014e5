import { ApplicationFailure, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  knowledgeIngestProgressQuery,
  type KnowledgeIngestInput,
  type KnowledgeIngestProgress,
} from '@receptionist/booking-client/messages';
import type { KnowledgeIngestActivities } from '../activities/knowledge-ingest.activities.ts';

// Chunking a 1 MB document and one statement of writes take well under a second; the minute
// leaves room for a loaded database. A document that cannot be read is not retried.
const store = proxyActivities<KnowledgeIngestActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 10,
    nonRetryableErrorTypes: ['SourceMissing', 'DocumentTooLarge'],
  },
});

// The index is an external service behind a breaker: back off longer through an outage.
const index = proxyActivities<KnowledgeIngestActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    maximumAttempts: 10,
  },
});

/**
 * Turns an uploaded document into knowledge entries for the business's search: chunks it,
 * rewrites only the chunks whose content changed since the last ingest of the same source, then
 * pushes the entries to the external index when one is configured.
 */
export async function knowledgeIngestWorkflow(
  input: KnowledgeIngestInput,
): Promise<KnowledgeIngestProgress> {
  const progress: KnowledgeIngestProgress = {
    stage: 'chunking',
    chunks: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    indexed: null,
  };
  setHandler(knowledgeIngestProgressQuery, () => progress);
  try {
    const r = await store.ingestKnowledgeChunks(input);
    Object.assign(progress, r);
    progress.stage = 'indexing';
    const { indexed } = await index.indexKnowledgeEntries({ tenantId: input.tenantId });
    progress.indexed = indexed;
    progress.stage = 'done';
    return progress;
  } catch (err) {
    progress.stage = 'failed';
    progress.error = err instanceof Error ? err.message : String(err);
    throw ApplicationFailure.nonRetryable(progress.error, 'KnowledgeIngestFailed');
  }
}
