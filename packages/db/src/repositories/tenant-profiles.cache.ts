import type { Tenant } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';
import type { Redis } from '../redis.ts';
import { getTenant } from './tenants.repository.ts';

/**
 * The one cache of tenant profiles: every turn, voice webhook and booking step needs the profile
 * and it changes rarely. The admin API (the one writer) publishes each change on Redis; every
 * process drops its copy on the message, so an edit is read on the next turn. The TTL is only a
 * safety net for a message lost while the subscription looked healthy. While the subscription
 * is down (Redis away, reconnecting), no copy is trusted and every read goes to Postgres; while
 * Postgres is away, the last copy read answers so a call in progress keeps its profile.
 */
export interface TenantProfiles {
  get(tenantId: string): Promise<Tenant | null>;
  /** Whether changes are being heard now, i.e. whether copies are trusted. */
  readonly listening: boolean;
  /** Stops listening for changes (closes the subscriber connection). */
  close(): Promise<void>;
}

const CHANNEL = 'tenant-profile:changed';
const DEFAULT_TTL_MS = 30_000;
const DEFAULT_MAX_ENTRIES = 5_000;

/** Channels are not keys: ioredis does not prefix them, so deployments sharing a Redis would hear each other. */
const channelOf = (redis: Redis) => `${redis.options.keyPrefix ?? ''}${CHANNEL}`;

/** Tells every process's cache that the tenant's profile changed; call it after the commit. */
export async function publishTenantProfileChange(redis: Redis, tenantId: string): Promise<void> {
  await redis.publish(channelOf(redis), tenantId);
}

export function createTenantProfileCache(deps: {
  db: Queryable;
  /** Where changes are heard; without it every read goes to Postgres. */
  redis?: Redis;
  ttlMs?: number;
  maxEntries?: number;
  onError?: (err: unknown) => void;
  now?: () => number;
}): TenantProfiles {
  const ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
  const max = deps.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const now = deps.now ?? (() => performance.now());
  /** `at` is when the read started: a change published during the read must not be missed. */
  const entries = new Map<string, { tenant: Tenant; at: number; stale: boolean }>();
  let live = false;
  let liveSince = Number.POSITIVE_INFINITY;
  let changes = 0;

  const subscriber = deps.redis ? listen(deps.redis) : null;

  function listen(redis: Redis): Redis {
    const channel = channelOf(redis);
    // Its own connection (a subscribed one runs no other command), queueing while disconnected so
    // the subscription is made whenever Redis comes (back).
    const sub = redis.duplicate({ enableOfflineQueue: true, autoResubscribe: false });
    const down = () => {
      live = false;
    };
    sub.on('error', (err) => deps.onError?.(err));
    sub.on('close', down);
    sub.on('reconnecting', down);
    sub.on('end', down);
    sub.on('ready', () => {
      sub.subscribe(channel).then(
        () => {
          // Messages sent while we were away are lost: copies read before now are not trusted.
          liveSince = now();
          live = true;
        },
        (err: unknown) => deps.onError?.(err),
      );
    });
    sub.on('message', (ch: string, tenantId: string) => {
      if (ch !== channel) return;
      changes++;
      const hit = entries.get(tenantId);
      if (hit) hit.stale = true;
    });
    return sub;
  }

  const fresh = (e: { at: number; stale: boolean }) =>
    live && !e.stale && e.at >= liveSince && now() - e.at < ttlMs;

  return {
    get listening() {
      return live;
    },
    async get(tenantId) {
      const hit = entries.get(tenantId);
      if (hit && fresh(hit)) return hit.tenant;
      const at = now();
      const before = changes;
      let tenant: Tenant | null;
      try {
        tenant = await getTenant(deps.db, tenantId);
      } catch (err) {
        if (hit) return hit.tenant;
        throw err;
      }
      entries.delete(tenantId);
      if (tenant) {
        // A change heard during the read may be newer than what it returned.
        entries.set(tenantId, { tenant, at, stale: changes !== before });
        // Oldest first out: a Map iterates in insertion order and a read re-inserts.
        while (entries.size > max) entries.delete(entries.keys().next().value!);
      }
      return tenant;
    },
    async close() {
      live = false;
      if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
