import type { KnowledgeEntry } from '@receptionist/db';

/** An external search index of a business's knowledge (the built-in one needs no pushing). */
export interface KnowledgeIndex {
  readonly name: string;
  /** Replaces the business's records in the index with these entries. */
  upsert(tenantId: string, entries: KnowledgeEntry[]): Promise<{ upserted: number }>;
}

export class KnowledgeIndexUnavailableError extends Error {
  constructor(cause: Error) {
    super(`the knowledge index is unavailable: ${cause.message}`);
    this.name = 'KnowledgeIndexUnavailableError';
  }
}
