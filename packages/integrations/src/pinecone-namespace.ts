/**
 * The Pinecone namespace of a business's knowledge: the one name both the writer (the admin
 * API's reindex) and the reader (the agent's search) use, so a search finds what was indexed
 * and can never cross businesses.
 */
export const pineconeNamespace = (tenantId: string) => `tenant-${tenantId}`;
