-- Up Migration

-- An uploaded document (Markdown, HTML or text) whose chunks become knowledge entries. The
-- document is kept so the ingest workflow reads it from here rather than carrying up to 1 MB
-- through Temporal's history; a re-upload of the same source replaces the content.
CREATE TABLE knowledge_sources (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  source_id text NOT NULL,
  title text NOT NULL,
  format text NOT NULL CHECK (format IN ('markdown', 'html', 'text')),
  content text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source_id)
);

-- A chunk's place in its source and the hash of its content: a re-ingest rewrites only the
-- entries whose hash changed and deletes those past the new end.
ALTER TABLE knowledge_entries
  ADD COLUMN source_id text,
  ADD COLUMN source_chunk integer,
  ADD COLUMN content_hash text;
CREATE UNIQUE INDEX knowledge_entries_source_chunk_idx
  ON knowledge_entries (tenant_id, source_id, source_chunk) WHERE source_id IS NOT NULL;

-- Down Migration

DROP INDEX IF EXISTS knowledge_entries_source_chunk_idx;
ALTER TABLE knowledge_entries
  DROP COLUMN IF EXISTS content_hash,
  DROP COLUMN IF EXISTS source_chunk,
  DROP COLUMN IF EXISTS source_id;
DROP TABLE IF EXISTS knowledge_sources;
