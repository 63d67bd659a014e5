import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@receptionist/testing';
import { createTenant, insertKnowledgeEntries, knowledgeEntriesByIds } from './index.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

describe('knowledge entries by id (the sources of an answer)', () => {
  it("returns the business's own entries in the order asked, never another business's", async () => {
    const mine = await createTenant(tdb.pool, { slug: `k-${randomUUID().slice(0, 8)}`, name: 'A' });
    const theirs = await createTenant(tdb.pool, {
      slug: `k-${randomUUID().slice(0, 8)}`,
      name: 'B',
    });
    const [a, b] = await insertKnowledgeEntries(tdb.pool, mine.id, [
      { question: 'Parking?', answer: 'Behind the building.' },
      { question: 'Insurance?', answer: 'Most plans.' },
    ]);
    const [foreign] = await insertKnowledgeEntries(tdb.pool, theirs.id, [
      { question: 'Secret?', answer: 'Not yours.' },
    ]);
    const got = await knowledgeEntriesByIds(tdb.pool, mine.id, [
      b!.id,
      foreign!.id,
      'not-a-uuid',
      a!.id,
      b!.id,
    ]);
    expect(got.map((e) => e.question)).toEqual(['Insurance?', 'Parking?']);
    expect(await knowledgeEntriesByIds(tdb.pool, theirs.id, [a!.id])).toEqual([]);
    expect(await knowledgeEntriesByIds(tdb.pool, mine.id, [])).toEqual([]);
  });
});
