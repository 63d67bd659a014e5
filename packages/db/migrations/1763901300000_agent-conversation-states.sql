-- Up Migration

-- The agent's graph state, one row per conversation thread: the latest checkpoint whole (every
-- channel's value in one serialized document), so a turn's state is written by one statement and
-- read by one primary-key lookup. Earlier checkpoints are not kept: nothing resumes from them.
CREATE TABLE agent_conversation_states (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  thread_id text NOT NULL CHECK (length(thread_id) <= 300),
  checkpoint_ns text NOT NULL DEFAULT '',
  checkpoint_id text NOT NULL,
  parent_checkpoint_id text,
  checkpoint_type text NOT NULL,
  checkpoint bytea NOT NULL,
  metadata jsonb NOT NULL,
  -- Writes of tasks that finished in a run cut short, kept for the checkpoint they belong to.
  pending_writes jsonb NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, thread_id, checkpoint_ns)
);

-- Down Migration

DROP TABLE agent_conversation_states;
