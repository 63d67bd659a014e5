/**
 * Spend and abuse limits of every business, counted in Redis: daily budgets (model tokens and
 * cost, texts, transfers dialled) and per-caller rates (turns per minute, texts per hour, one
 * staff alert per caller per window).
 *
 *   import { createLimits } from '@receptionist/db';
 *   const limits = createLimits({ redis, db, onExceeded: (tenantId, kind) => metric.inc(...) });
 *   if (!(await limits.checkModelBudget(tenant)).ok) ... // say the graceful sentence instead
 *   await limits.recordModelUsage(tenant, { tokens: 812, costMicroUsd: 4_100 });
 *
 * Daily counters are keyed by the business's local date, so a day's budget resets at the tenant's
 * local midnight (the key's expiry only clears old days away). Rates use fixed windows (the clock
 * minute, the clock hour). Each check-and-count is one Lua script, so concurrent turns and texts
 * cannot both take the last unit. Phone numbers appear in keys only as keyed hashes.
 *
 * Limits never cost a caller their call: while Redis is away they fail open, counted in a bounded
 * in-process copy (so one process still refuses a caller who floods it), and the model budget is
 * not checked. `onUnavailable` reports each such fallback.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { tenantLimits, type Tenant, type TenantLimits } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';
import { getTenant } from '../repositories/tenants.repository.ts';

export type LimitKind =
  'model_tokens' | 'model_cost' | 'sms' | 'dials' | 'turn_rate' | 'contact_sms' | 'country';

export type LimitsTenant = Pick<Tenant, 'id' | 'timezone' | 'settings'>;
type TenantRef = string | LimitsTenant;

export interface Limits {
  /** The tenant's limits in force (its settings over the defaults). */
  of(tenant: LimitsTenant): TenantLimits;
  /** Whether the tenant may still spend on the model today (tokens and cost both under budget). */
  checkModelBudget(
    tenant: TenantRef,
  ): Promise<{ ok: true } | { ok: false; kind: 'model_tokens' | 'model_cost' }>;
  /** Adds one turn's model usage to today's counters. */
  recordModelUsage(
    tenant: TenantRef,
    usage: { tokens: number; costMicroUsd: number },
  ): Promise<void>;
  /** Counts one text against today's budget; false when the budget is spent. Once per `key`. */
  consumeSms(tenant: TenantRef, key?: string): Promise<boolean>;
  /** Counts one transfer dialled against today's budget; false when the budget is spent. */
  consumeDial(tenant: TenantRef, key?: string): Promise<boolean>;
  /** Counts one turn of a caller this minute; false over the per-caller rate. */
  allowTurn(tenant: TenantRef, phone: string): Promise<boolean>;
  /** Counts one text to a caller this hour; false over the per-caller rate. Once per `key`. */
  allowContactSms(tenant: TenantRef, phone: string, key?: string): Promise<boolean>;
  /**
   * Claims the staff alert for a caller's escalation of a kind ('transfer', 'message'): true for
   * the first of the window (and for a retry of that same `key`), false for another one inside
   * the window. Kinds apart: the message left after an unanswered transfer still reaches staff.
   */
  claimEscalation(tenant: TenantRef, phone: string, key: string, kind?: string): Promise<boolean>;
  /** True once per window per caller and `what` (a notice said once, not on every refusal). */
  claimOnce(
    tenant: TenantRef,
    what: string,
    phone: string,
    windowSeconds: number,
  ): Promise<boolean>;
  /** Reports a refusal to the operator (the metric) without counting anything. */
  exceeded(tenantId: string, kind: LimitKind): void;
}

const DAY_SLACK_S = 3_600;

// KEYS[1] counter, KEYS[2] optional "already counted" mark; ARGV limit, amount, ttl, use-mark.
const CONSUME = `
if ARGV[4] == '1' and redis.call('EXISTS', KEYS[2]) == 1 then return 1 end
local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if v + tonumber(ARGV[2]) > tonumber(ARGV[1]) then return 0 end
redis.call('INCRBY', KEYS[1], ARGV[2])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
if ARGV[4] == '1' then redis.call('SET', KEYS[2], '1', 'EX', ARGV[3]) end
return 1`;

// KEYS[1] claim; ARGV owner, ttl: the first owner of the window, or the same owner again.
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
return 0`;

type LimitsRedis = Redis & {
  limitsConsume(counter: string, mark: string, ...args: (string | number)[]): Promise<number>;
  limitsClaim(key: string, owner: string, ttl: number): Promise<number>;
};

function withCommands(redis: Redis): LimitsRedis {
  const r = redis as LimitsRedis;
  if (typeof r.limitsConsume !== 'function') {
    redis.defineCommand('limitsConsume', { numberOfKeys: 2, lua: CONSUME });
    redis.defineCommand('limitsClaim', { numberOfKeys: 1, lua: CLAIM });
  }
  return r;
}

/** The tenant's local date (YYYY-MM-DD) and the seconds left until its local midnight. */
export function localDay(timezone: string, now: Date): { date: string; secondsLeft: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const elapsed = Number(parts.hour) * 3_600 + Number(parts.minute) * 60 + Number(parts.second);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    secondsLeft: Math.max(1, 86_400 - elapsed),
  };
}

export function createLimits(deps: {
  redis: Redis;
  /** Needed only to pass tenant ids instead of tenants. */
  db?: Queryable;
  onExceeded?: (tenantId: string, kind: LimitKind) => void;
  onUnavailable?: (err: unknown) => void;
  now?: () => Date;
}): Limits {
  const redis = withCommands(deps.redis);
  const now = deps.now ?? (() => new Date());
  const local = createLocalCounters(now);
  const unavailable = (err: unknown) => deps.onUnavailable?.(err);
  const hash = (tenantId: string, value: string) =>
    createHash('sha256').update(`${tenantId}:${value}`).digest('hex').slice(0, 24);

  async function resolve(ref: TenantRef): Promise<LimitsTenant> {
    if (typeof ref !== 'string') return ref;
    if (!deps.db) throw new Error('createLimits needs db to look tenants up by id');
    const tenant = await getTenant(deps.db, ref);
    if (!tenant) throw new Error('tenant not found');
    return tenant;
  }
  const day = (t: LimitsTenant) => {
    const d = localDay(t.timezone, now());
    return {
      key: (kind: string) => `limits:${t.id}:${kind}:${d.date}`,
      ttl: d.secondsLeft + DAY_SLACK_S,
    };
  };
  const exceeded = (tenantId: string, kind: LimitKind) => deps.onExceeded?.(tenantId, kind);

  async function consume(
    t: LimitsTenant,
    kind: LimitKind,
    counter: string,
    limit: number,
    ttl: number,
    key?: string,
  ): Promise<boolean> {
    const mark = key ? `${counter}:done:${hash(t.id, key)}` : `${counter}:done`;
    let ok: boolean;
    try {
      ok = (await redis.limitsConsume(counter, mark, limit, 1, ttl, key ? '1' : '0')) === 1;
    } catch (err) {
      unavailable(err);
      ok = local.consume(counter, key ? mark : null, limit, ttl);
    }
    if (!ok) exceeded(t.id, kind);
    return ok;
  }

  return {
    of: (t) => tenantLimits(t),
    exceeded,

    async checkModelBudget(ref) {
      const t = await resolve(ref);
      const limits = tenantLimits(t);
      const d = day(t);
      let tokens: string | null | undefined, cost: string | null | undefined;
      try {
        [tokens, cost] = await redis.mget(d.key('model_tokens'), d.key('model_cost'));
      } catch (err) {
        // Unknown spend: the caller is answered; the budget is enforced again once Redis is back.
        unavailable(err);
        return { ok: true };
      }
      if (Number(tokens ?? 0) >= limits.modelTokensPerDay) {
        exceeded(t.id, 'model_tokens');
        return { ok: false, kind: 'model_tokens' };
      }
      if (Number(cost ?? 0) >= limits.modelCostMicroUsdPerDay) {
        exceeded(t.id, 'model_cost');
        return { ok: false, kind: 'model_cost' };
      }
      return { ok: true };
    },

    async recordModelUsage(ref, usage) {
      const tokens = Math.max(0, Math.round(usage.tokens));
      const cost = Math.max(0, Math.round(usage.costMicroUsd));
      if (!tokens && !cost) return;
      const t = await resolve(ref);
      const d = day(t);
      await redis
        .multi()
        .incrby(d.key('model_tokens'), tokens)
        .expire(d.key('model_tokens'), d.ttl)
        .incrby(d.key('model_cost'), cost)
        .expire(d.key('model_cost'), d.ttl)
        .exec();
    },

    async consumeSms(ref, key) {
      const t = await resolve(ref);
      const d = day(t);
      return consume(t, 'sms', d.key('sms'), tenantLimits(t).smsPerDay, d.ttl, key);
    },

    async consumeDial(ref, key) {
      const t = await resolve(ref);
      const d = day(t);
      return consume(t, 'dials', d.key('dials'), tenantLimits(t).dialsPerDay, d.ttl, key);
    },

    async allowTurn(ref, phone) {
      const t = await resolve(ref);
      const minute = Math.floor(now().getTime() / 60_000);
      const counter = `limits:${t.id}:turns:${hash(t.id, phone)}:${minute}`;
      return consume(t, 'turn_rate', counter, tenantLimits(t).turnsPerMinutePerContact, 120);
    },

    async allowContactSms(ref, phone, key) {
      const t = await resolve(ref);
      const hour = Math.floor(now().getTime() / 3_600_000);
      const counter = `limits:${t.id}:contact-sms:${hash(t.id, phone)}:${hour}`;
      return consume(t, 'contact_sms', counter, tenantLimits(t).smsPerHourPerContact, 7_200, key);
    },

    async claimEscalation(ref, phone, key, kind = 'any') {
      const t = await resolve(ref);
      const ttl = tenantLimits(t).escalationWindowMinutes * 60;
      const claim = `limits:${t.id}:escalation:${kind.slice(0, 32)}:${hash(t.id, phone)}`;
      try {
        return (await redis.limitsClaim(claim, hash(t.id, key), ttl)) === 1;
      } catch (err) {
        unavailable(err);
        return local.claim(claim, hash(t.id, key), ttl);
      }
    },

    async claimOnce(ref, what, phone, windowSeconds) {
      const t = await resolve(ref);
      const claim = `limits:${t.id}:once:${what}:${hash(t.id, phone)}`;
      try {
        return (await redis.set(claim, '1', 'EX', Math.max(1, windowSeconds), 'NX')) === 'OK';
      } catch (err) {
        unavailable(err);
        return local.claim(claim, null, Math.max(1, windowSeconds));
      }
    },
  };
}

/** The counters one process keeps while Redis is away; bounded, oldest dropped first. */
function createLocalCounters(now: () => Date, maxEntries = 20_000) {
  const entries = new Map<string, { n: number; owner: string | null; expiresAt: number }>();
  const live = (key: string) => {
    const e = entries.get(key);
    if (e && e.expiresAt <= now().getTime()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const put = (key: string, n: number, owner: string | null, ttlSeconds: number) => {
    entries.delete(key);
    entries.set(key, { n, owner, expiresAt: now().getTime() + ttlSeconds * 1_000 });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
  return {
    consume(counter: string, mark: string | null, limit: number, ttlSeconds: number): boolean {
      if (mark && live(mark)) return true;
      const n = live(counter)?.n ?? 0;
      if (n + 1 > limit) return false;
      put(counter, n + 1, null, ttlSeconds);
      if (mark) put(mark, 1, null, ttlSeconds);
      return true;
    },
    claim(key: string, owner: string | null, ttlSeconds: number): boolean {
      const e = live(key);
      if (e) return owner !== null && e.owner === owner;
      put(key, 1, owner, ttlSeconds);
      return true;
    },
  };
}
