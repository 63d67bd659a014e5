/**
 * The knowledge index in Pinecone, the one adapter both writers use (the admin API's reindex and
 * the worker's document ingest): an index with integrated embedding (field `text`), one
 * namespace per business (`pineconeNamespace`) so a search can never cross businesses.
 *
 * A sync is record-level: the namespace's ids are listed, the records we already hold are fetched
 * to compare their content hash, and only new or changed entries are upserted and only ids no
 * longer among the entries are deleted. A re-ingest of an edited document re-embeds the edited
 * chunks alone, and there is no moment where the namespace is empty while the agent searches it.
 * Every request goes through the `pinecone_knowledge` breaker, one request per fire.
 */
import { createHash } from 'node:crypto';
import { Pinecone } from '@pinecone-database/pinecone';
import type { BreakerFactory } from './breaker.ts';
import { pineconeNamespace } from './pinecone-namespace.ts';

// Pinecone accepts at most 96 text records per integrated-embedding upsert, lists at most 100
// ids per page, and deletes at most 1000 ids per request; fetch ids ride in the query string.
const UPSERT_BATCH = 96;
const LIST_PAGE = 100;
const FETCH_BATCH = 100;
const DELETE_BATCH = 1000;

export { pineconeNamespace };

/** What the index holds of one knowledge entry. */
export interface KnowledgeIndexEntry {
  id: string;
  question: string;
  answer: string;
  tags: string[];
}

export interface KnowledgeIndexSync {
  /** Records in the business's namespace after the sync (the entries given). */
  indexed: number;
  upserted: number;
  deleted: number;
  unchanged: number;
}

/** An external search index of a business's knowledge (the built-in one needs no pushing). */
export interface KnowledgeIndex {
  readonly name: string;
  /** Makes the business's records in the index exactly these entries, writing only differences. */
  sync(tenantId: string, entries: KnowledgeIndexEntry[]): Promise<KnowledgeIndexSync>;
}

export class KnowledgeIndexUnavailableError extends Error {
  constructor(cause: Error) {
    super(`the knowledge index is unavailable: ${cause.message}`);
    this.name = 'KnowledgeIndexUnavailableError';
  }
}

export interface PineconeKnowledgeConfig {
  apiKey: string | undefined;
  index: string;
  /** The index's data-plane host; unset, the SDK asks the control plane for it by name. */
  indexHost?: string;
  timeoutMs: number;
}

/** A service's `PINECONE_*` settings (the config package's `pineconeIndex` fields). */
export interface PineconeKnowledgeEnv {
  PINECONE_API_KEY: string | undefined;
  PINECONE_INDEX: string;
  PINECONE_INDEX_HOST?: string | undefined;
  PINECONE_TIMEOUT_MS: number;
}

/** The index from a service's settings; null when no API key is configured. */
export const pineconeKnowledgeIndexFromEnv = (
  env: PineconeKnowledgeEnv,
  breakers: BreakerFactory,
) =>
  createPineconeKnowledgeIndex(
    {
      apiKey: env.PINECONE_API_KEY,
      index: env.PINECONE_INDEX,
      indexHost: env.PINECONE_INDEX_HOST,
      timeoutMs: env.PINECONE_TIMEOUT_MS,
    },
    breakers,
  );

/** The hash stored with each record: what the embedding and the agent's answer depend on. */
export const recordHash = (e: KnowledgeIndexEntry) =>
  createHash('sha256')
    .update(JSON.stringify([e.question, e.answer, [...e.tags].sort()]))
    .digest('hex')
    .slice(0, 32);

const chunks = <T>(xs: T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** null when no API key is configured. */
export function createPineconeKnowledgeIndex(
  config: PineconeKnowledgeConfig,
  breakers: BreakerFactory,
  opts: { controllerHostUrl?: string } = {},
): KnowledgeIndex | null {
  if (!config.apiKey) return null;
  const pc = new Pinecone({
    apiKey: config.apiKey,
    // The breaker and the caller's retries decide about retrying: one slow attempt must not become four.
    maxRetries: 0,
    ...(opts.controllerHostUrl ? { controllerHostUrl: opts.controllerHostUrl } : {}),
  });
  const index = pc.index({
    name: config.index,
    ...(config.indexHost ? { host: config.indexHost } : {}),
  });
  const breaker = breakers.create(
    'pinecone_knowledge',
    async <T>(run: () => Promise<T>): Promise<T> => run(),
    {
      timeoutMs: config.timeoutMs,
      fallback: (err) => {
        throw new KnowledgeIndexUnavailableError(err);
      },
    },
  );
  const call = <T>(run: () => Promise<T>) => breaker.fire(run) as Promise<T>;

  return {
    name: 'pinecone',
    async sync(tenantId, entries) {
      const ns = index.namespace(pineconeNamespace(tenantId));
      const held: string[] = [];
      for (let token: string | undefined, first = true; first || token; first = false) {
        const page = await call(() =>
          ns.listPaginated({ limit: LIST_PAGE, ...(token ? { paginationToken: token } : {}) }),
        );
        held.push(...(page.vectors ?? []).flatMap((v) => (v.id ? [v.id] : [])));
        token = page.pagination?.next;
      }
      const wanted = new Map(entries.map((e) => [e.id, e]));
      const heldSet = new Set(held);
      const stale = held.filter((id) => !wanted.has(id));
      const hashes = new Map<string, unknown>();
      for (const ids of chunks(
        held.filter((id) => wanted.has(id)),
        FETCH_BATCH,
      )) {
        const got = await call(() => ns.fetch({ ids }));
        for (const [id, r] of Object.entries(got.records)) hashes.set(id, r.metadata?.hash);
      }
      const changed = entries.filter(
        (e) => !heldSet.has(e.id) || hashes.get(e.id) !== recordHash(e),
      );
      for (const batch of chunks(changed, UPSERT_BATCH)) {
        await call(() =>
          ns.upsertRecords({
            records: batch.map((e) => ({
              _id: e.id,
              text: `${e.question}\n${e.answer}`,
              question: e.question,
              answer: e.answer,
              tags: e.tags,
              hash: recordHash(e),
            })),
          }),
        );
      }
      for (const ids of chunks(stale, DELETE_BATCH)) await call(() => ns.deleteMany({ ids }));
      return {
        indexed: entries.length,
        upserted: changed.length,
        deleted: stale.length,
        unchanged: entries.length - changed.length,
      };
    },
  };
}
