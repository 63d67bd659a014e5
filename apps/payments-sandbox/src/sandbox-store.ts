/**
 * The sandbox's memory: sessions, payment intents, refunds, events and stored idempotent answers.
 * With a state file every change is written through (a temporary file renamed over the old one),
 * so a payment link texted before a restart of scripts/dev.sh still opens afterwards. Every
 * collection is capped: this is a demo process and must not grow without bound.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '@receptionist/observability';
import type {
  EventRecord,
  PaymentIntentRecord,
  RefundRecord,
  SessionRecord,
} from './stripe-objects.ts';

export interface IdempotentAnswer {
  key: string;
  /** Method, path and parameters of the first request: a reuse with others is an error. */
  fingerprint: string;
  status: number;
  body: unknown;
  storedAt: number;
}

export const LIMITS = {
  sessions: 1_000,
  events: 1_000,
  idempotentAnswers: 2_000,
  // Stripe keeps idempotency keys for at least 24 hours.
  idempotencyTtlMs: 24 * 3_600_000,
};

interface StateFile {
  version: 1;
  sessions: SessionRecord[];
  paymentIntents: PaymentIntentRecord[];
  refunds: RefundRecord[];
  events: EventRecord[];
  idempotentAnswers: IdempotentAnswer[];
}

export interface SandboxStore {
  sessions: Map<string, SessionRecord>;
  paymentIntents: Map<string, PaymentIntentRecord>;
  refunds: Map<string, RefundRecord>;
  events: Map<string, EventRecord>;
  idempotentAnswers: Map<string, IdempotentAnswer>;
  /** Drops what is over the caps, then writes the state file when there is one. */
  save(): void;
}

function trimOldest<V>(
  map: Map<string, V>,
  max: number,
  removable: (v: V) => boolean = () => true,
) {
  // Maps iterate in insertion order, so the first entries are the oldest.
  for (const [k, v] of map) {
    if (map.size <= max) return;
    if (removable(v)) map.delete(k);
  }
}

export function createSandboxStore(opts: {
  stateFile?: string;
  logger: Logger;
  now?: () => number;
}): SandboxStore {
  const now = opts.now ?? Date.now;
  const store: SandboxStore = {
    sessions: new Map(),
    paymentIntents: new Map(),
    refunds: new Map(),
    events: new Map(),
    idempotentAnswers: new Map(),
    save() {
      trimOldest(store.sessions, LIMITS.sessions, (s) => s.status !== 'open');
      const liveSessions = new Set(store.sessions.keys());
      for (const [id, pi] of store.paymentIntents)
        if (!liveSessions.has(pi.sessionId)) store.paymentIntents.delete(id);
      for (const [id, r] of store.refunds)
        if (!store.paymentIntents.has(r.paymentIntentId)) store.refunds.delete(id);
      trimOldest(store.events, LIMITS.events);
      const cutoff = now() - LIMITS.idempotencyTtlMs;
      for (const [k, a] of store.idempotentAnswers)
        if (a.storedAt < cutoff) store.idempotentAnswers.delete(k);
      trimOldest(store.idempotentAnswers, LIMITS.idempotentAnswers);
      if (!opts.stateFile) return;
      const state: StateFile = {
        version: 1,
        sessions: [...store.sessions.values()],
        paymentIntents: [...store.paymentIntents.values()],
        refunds: [...store.refunds.values()],
        events: [...store.events.values()],
        idempotentAnswers: [...store.idempotentAnswers.values()],
      };
      const tmp = `${opts.stateFile}.tmp`;
      writeFileSync(tmp, JSON.stringify(state));
      renameSync(tmp, opts.stateFile);
    },
  };
  if (opts.stateFile) {
    mkdirSync(dirname(opts.stateFile), { recursive: true });
    let text: string | undefined;
    try {
      text = readFileSync(opts.stateFile, 'utf8');
    } catch {
      // No file yet: a first start.
    }
    if (text !== undefined) {
      try {
        const state = JSON.parse(text) as StateFile;
        if (state.version !== 1) throw new Error(`unknown state version ${String(state.version)}`);
        for (const s of state.sessions) store.sessions.set(s.id, s);
        for (const p of state.paymentIntents) store.paymentIntents.set(p.id, p);
        for (const r of state.refunds) store.refunds.set(r.id, r);
        for (const e of state.events) store.events.set(e.id, e);
        for (const a of state.idempotentAnswers) store.idempotentAnswers.set(a.key, a);
        opts.logger.info({ sessions: store.sessions.size }, 'payments sandbox state loaded');
      } catch (err) {
        // A demo's scratch state: better a clean start than a process that will not come up.
        opts.logger.warn({ err: (err as Error).message }, 'state file unreadable, starting empty');
      }
    }
  }
  return store;
}
