import {
  eraseContactData,
  getContactErasure,
  recordContactErasure,
  withTransaction,
  type Db,
  type ErasureCounts,
} from '@receptionist/db';

/**
 * A contact's erasure: everything in our database in one transaction, with its record. The
 * external knowledge index (Pinecone) holds the business's own knowledge entries, never a
 * caller's words, so there is nothing of a contact's to remove there.
 */
export function createErasureActivities(deps: { db: Db }) {
  return {
    async eraseContact(e: {
      tenantId: string;
      contactId: string;
      requestedBy: string;
    }): Promise<ErasureCounts> {
      const done = await getContactErasure(deps.db, e.tenantId, e.contactId);
      if (done) return done.counts;
      return withTransaction(deps.db, async (tx) => {
        const counts = await eraseContactData(tx, e.tenantId, e.contactId);
        await recordContactErasure(tx, e.tenantId, { ...e, counts });
        return counts;
      });
    },
  };
}

export type ErasureActivities = ReturnType<typeof createErasureActivities>;
