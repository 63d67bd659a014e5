/** One interface over the built-in full-text search and Pinecone. */
export interface KnowledgeHit {
  id: string;
  question: string;
  answer: string;
  tags: string[];
  score: number;
}

export interface KnowledgeBase {
  readonly kind: 'postgres' | 'pinecone';
  search(
    tenantId: string,
    query: string,
    opts?: { limit?: number; tag?: string },
  ): Promise<KnowledgeHit[]>;
}

const STOP = new Set(
  'a an and are at be can do does for how i in is it me my of on or the to we what when where which who why with you your'.split(
    ' ',
  ),
);

/** The words of a caller's sentence worth searching for: no punctuation, no filler words. */
export function searchTerms(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 1 && !STOP.has(w)),
    ),
  ].slice(0, 12);
}
