import type { RunnableConfig } from '@langchain/core/runnables';
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  type PendingWrite,
  type SerializerProtocol,
} from '@langchain/langgraph-checkpoint';
import type { Queryable } from '@receptionist/db';

/**
 * The conversation graph's checkpointer: the latest checkpoint of a thread, whole, in one row of
 * `agent_conversation_states`. LangGraph's Postgres saver stores one blob row per changed channel
 * inside a transaction (BEGIN, an INSERT per channel, the checkpoint, COMMIT: some sixteen round
 * trips in sequence per turn); here a turn's state is one UPSERT and reading it one primary-key
 * SELECT. Every channel's value rides in the checkpoint document, as in LangGraph's MemorySaver,
 * so no per-channel bookkeeping is needed. Earlier checkpoints are overwritten: the service only
 * ever resumes a conversation from its last turn (no time travel, no history).
 *
 * Thread ids are `<tenant id>:<conversation id>`; the tenant part scopes every statement.
 */
export class ConversationStateSaver extends BaseCheckpointSaver {
  private readonly db: Queryable;

  constructor(db: Queryable, serde?: SerializerProtocol) {
    super(serde);
    this.db = db;
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const { threadId, tenantId, ns, checkpointId } = address(config);
    const { rows } = await this.db.query(
      `SELECT checkpoint_id, parent_checkpoint_id, checkpoint_type, checkpoint, metadata, pending_writes
         FROM agent_conversation_states
        WHERE tenant_id = $1 AND thread_id = $2 AND checkpoint_ns = $3
          AND ($4::text IS NULL OR checkpoint_id = $4)`,
      [tenantId, threadId, ns, checkpointId ?? null],
    );
    const row = rows[0];
    return row ? this.toTuple(threadId, ns, row) : undefined;
  }

  async *list(
    config: RunnableConfig,
    options?: CheckpointListOptions,
  ): AsyncGenerator<CheckpointTuple> {
    if (options?.limit === 0 || !config.configurable?.thread_id) return;
    const tuple = await this.getTuple(config);
    if (!tuple) return;
    const before = options?.before?.configurable?.checkpoint_id as string | undefined;
    if (before && tuple.checkpoint.id >= before) return;
    const filter = options?.filter ?? {};
    const meta = (tuple.metadata ?? {}) as Record<string, unknown>;
    if (Object.entries(filter).some(([k, v]) => JSON.stringify(meta[k]) !== JSON.stringify(v)))
      return;
    yield tuple;
  }

  async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    _newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const { threadId, tenantId, ns, checkpointId: parentId } = address(config);
    const [type, bytes] = await this.serde.dumpsTyped(checkpoint);
    const [, meta] = await this.serde.dumpsTyped(metadata);
    // Postgres jsonb refuses the NUL character; metadata never needs it.
    const metadataJson = new TextDecoder().decode(meta).replace(/\0/g, '');
    // One statement: the new checkpoint replaces the last one, and the pending writes of the
    // previous step, which the new checkpoint has applied, go with it.
    await this.db.query(
      `INSERT INTO agent_conversation_states
         (tenant_id, thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint_type, checkpoint, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT (tenant_id, thread_id, checkpoint_ns) DO UPDATE SET
         checkpoint_id = EXCLUDED.checkpoint_id, parent_checkpoint_id = EXCLUDED.parent_checkpoint_id,
         checkpoint_type = EXCLUDED.checkpoint_type, checkpoint = EXCLUDED.checkpoint,
         metadata = EXCLUDED.metadata, pending_writes = '[]', updated_at = now()`,
      [
        tenantId,
        threadId,
        ns,
        checkpoint.id,
        parentId ?? null,
        type,
        Buffer.from(bytes),
        metadataJson,
      ],
    );
    return {
      configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: checkpoint.id },
    };
  }

  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string): Promise<void> {
    const { threadId, tenantId, ns, checkpointId } = address(config);
    if (!checkpointId || writes.length === 0) return;
    const dumped = await Promise.all(
      writes.map(async ([channel, value]) => {
        const [type, bytes] = await this.serde.dumpsTyped(value);
        return { task: taskId, channel, type, value: Buffer.from(bytes).toString('base64') };
      }),
    );
    // Writes only belong to the checkpoint they were made on; a task's writes replace its earlier ones.
    await this.db.query(
      `UPDATE agent_conversation_states
          SET pending_writes = (SELECT COALESCE(jsonb_agg(w), '[]') FROM jsonb_array_elements(pending_writes) w
                                 WHERE w->>'task' <> $5) || $4::jsonb
        WHERE tenant_id = $1 AND thread_id = $2 AND checkpoint_ns = $3 AND checkpoint_id = $6`,
      [tenantId, threadId, ns, JSON.stringify(dumped), taskId, checkpointId],
    );
  }

  async deleteThread(threadId: string): Promise<void> {
    await this.db.query(
      'DELETE FROM agent_conversation_states WHERE tenant_id = $1 AND thread_id = $2',
      [tenantOf(threadId), threadId],
    );
  }

  private async toTuple(
    threadId: string,
    ns: string,
    row: Record<string, unknown>,
  ): Promise<CheckpointTuple> {
    const checkpoint = (await this.serde.loadsTyped(
      row.checkpoint_type as string,
      new Uint8Array(row.checkpoint as Buffer),
    )) as Checkpoint;
    const stored = row.pending_writes as {
      task: string;
      channel: string;
      type: string;
      value: string;
    }[];
    const pendingWrites: CheckpointPendingWrite[] = await Promise.all(
      stored.map(async (w) => [
        w.task,
        w.channel,
        await this.serde.loadsTyped(w.type, new Uint8Array(Buffer.from(w.value, 'base64'))),
      ]),
    );
    const parent = row.parent_checkpoint_id as string | null;
    return {
      config: {
        configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: row.checkpoint_id },
      },
      checkpoint,
      metadata: row.metadata as CheckpointMetadata,
      parentConfig: parent
        ? { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: parent } }
        : undefined,
      pendingWrites,
    };
  }
}

function tenantOf(threadId: string): string {
  const i = threadId.indexOf(':');
  if (i <= 0) throw new Error('thread id must be <tenant id>:<conversation id>');
  return threadId.slice(0, i);
}

function address(config: RunnableConfig) {
  const c = config.configurable ?? {};
  const threadId = c.thread_id as string | undefined;
  if (!threadId) throw new Error('configurable.thread_id is required');
  return {
    threadId,
    tenantId: tenantOf(threadId),
    ns: (c.checkpoint_ns as string | undefined) ?? '',
    checkpointId: c.checkpoint_id as string | undefined,
  };
}
