import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
} from '@temporalio/client';
import {
  KNOWLEDGE_INGEST_WORKFLOW,
  knowledgeIngestProgressQuery,
  knowledgeIngestWorkflowId,
  type KnowledgeIngestProgress,
} from '@receptionist/booking-client/messages';
import type { BreakerFactory } from '@receptionist/integrations/breaker';

/** The knowledge ingest's Temporal side: start a document's ingest, read its progress. */
export interface KnowledgeIngestCommands {
  start(tenantId: string, sourceId: string): Promise<'started' | 'running' | 'unavailable'>;
  progress(
    tenantId: string,
    sourceId: string,
  ): Promise<KnowledgeIngestProgress | 'not_found' | 'unavailable'>;
}

const EMPTY: KnowledgeIngestProgress = {
  stage: 'chunking',
  chunks: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  indexed: null,
};

export function createKnowledgeIngestCommands(deps: {
  client: Client;
  taskQueue: string;
  breakers: BreakerFactory;
  timeoutMs: number;
}): KnowledgeIngestCommands {
  const start = deps.breakers.create(
    'admin_knowledge_ingest_start',
    async (tenantId: string, sourceId: string): Promise<'started' | 'running' | 'unavailable'> => {
      try {
        await deps.client.workflow.start(KNOWLEDGE_INGEST_WORKFLOW, {
          taskQueue: deps.taskQueue,
          workflowId: knowledgeIngestWorkflowId(tenantId, sourceId),
          // A finished ingest of the same source may run again: that is the re-ingest.
          workflowIdReusePolicy: 'ALLOW_DUPLICATE',
          args: [{ tenantId, sourceId }],
        });
        return 'started';
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return 'running';
        throw err;
      }
    },
    { timeoutMs: deps.timeoutMs, fallback: () => 'unavailable' as const },
  );
  const progress = deps.breakers.create(
    'admin_knowledge_ingest_progress',
    async (
      tenantId: string,
      sourceId: string,
    ): Promise<KnowledgeIngestProgress | 'not_found' | 'unavailable'> => {
      const handle = deps.client.workflow.getHandle(knowledgeIngestWorkflowId(tenantId, sourceId));
      try {
        const { status, historyLength } = await handle.describe();
        // A running ingest answers the query; a closed one is read from its result, which needs
        // no worker to replay it. One no worker has taken up yet (its history is the start and
        // the first task) could not answer a query: it is queued.
        if (status.name === 'RUNNING')
          return historyLength <= 2
            ? { ...EMPTY, stage: 'queued' }
            : await handle.query(knowledgeIngestProgressQuery);
        if (status.name === 'COMPLETED') return (await handle.result()) as KnowledgeIngestProgress;
        return {
          ...EMPTY,
          stage: 'failed',
          error: `the ingest ended ${status.name.toLowerCase()}`,
        };
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return 'not_found';
        throw err;
      }
    },
    { timeoutMs: deps.timeoutMs, fallback: () => 'unavailable' as const },
  );
  return {
    start: (tenantId, sourceId) => start.fire(tenantId, sourceId),
    progress: (tenantId, sourceId) => progress.fire(tenantId, sourceId),
  };
}
