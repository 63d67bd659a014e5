import type { AgentConfig } from '@receptionist/config';
import {
  agentThreadId,
  applyTurnReport,
  conversationRowId,
  ensureConversation,
  createBestEffortCache,
  getCallBySid,
  insertTurnMessages,
  upsertContactByPhone,
  type Db,
  type Redis,
} from '@receptionist/db';
import type { TenantProfiles } from '@receptionist/db/tenant-profiles';
import { turnMessageSids } from '@receptionist/domain';
import type { Tenant, TurnReport, TurnRequest, TurnResponse } from '@receptionist/domain';
import { HttpError } from '@receptionist/observability';
import {
  noUsage,
  type ConversationState,
  type TurnContext,
} from '../graph/conversation-state.annotation.ts';
import type { AgentServices } from '../tools/tool.ts';
import type { ConversationGraph } from '../graph/graph.ts';
import { createConversationLock } from './conversation-lock.ts';

const HOT_CONTEXT_TTL_S = 3_600;
/**
 * Every turn needs the conversation's contact and call: each replica also keeps them in memory,
 * so a call's turns after its first do not ask Redis.
 */
const LOCAL_HOT_TTL_MS = 10 * 60_000;
const LOCAL_MAX_ENTRIES = 5_000;

/** A bounded map whose entries expire; the oldest entry goes first when it is full. */
function localCache<T>(ttlMs: number) {
  const entries = new Map<string, { value: T; until: number }>();
  return {
    get(key: string): T | undefined {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.until > Date.now()) return e.value;
      entries.delete(key);
      return undefined;
    },
    set(key: string, value: T) {
      if (entries.size >= LOCAL_MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, until: Date.now() + ttlMs });
    },
  };
}
/** How long the answer of an identified turn is kept for a retry: well past any channel's retries. */
const ANSWERED_TTL_S = 15 * 60;
const NOT_HEARD = "I'm sorry, I didn't catch that. Could you say it again?";
const TOO_SLOW =
  "I'm sorry, I'm having trouble looking that up right now. Could you say that again, or shall I put you through to someone on the team?";

interface HotContext {
  contactId: string;
  callId: string | null;
}

export interface TurnServiceDeps {
  config: AgentConfig;
  db: Db;
  redis: Redis;
  /** The tenant profile cache shared by the process (changes are heard at once). */
  tenants: TenantProfiles;
  graph: ConversationGraph;
  services: AgentServices;
  brain: 'claude' | 'offline';
  now?: () => Date;
}

export interface TurnOptions {
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
}

/** One caller turn: lock the conversation, run the graph, store the exchange, answer. */
export function createTurnService(deps: TurnServiceDeps) {
  const lock = createConversationLock({
    redis: deps.redis,
    ttlMs: deps.config.AGENT_TURN_LOCK_TTL_MS,
    waitMs: deps.config.AGENT_TURN_LOCK_WAIT_MS,
    onUnavailable: (err) =>
      deps.services.logger.warn({ err }, 'conversation locked in process: redis away'),
  });
  const now = deps.now ?? (() => new Date());
  const hots = localCache<HotContext>(LOCAL_HOT_TTL_MS);
  // Redis away or restarted never fails a turn: each value read here can be rebuilt from
  // Postgres, and the answers kept for retries have an in-process copy meanwhile.
  const cache = createBestEffortCache(deps.redis);

  async function tenantOf(tenantId: string): Promise<Tenant> {
    const t = await deps.tenants.get(tenantId);
    if (!t) throw new HttpError(404, 'tenant_not_found', 'no such tenant');
    return t;
  }

  async function hotContext(
    req: Pick<TurnRequest, 'tenantId' | 'conversationId' | 'channel' | 'callerPhone' | 'callSid'>,
    rowId: string,
  ): Promise<HotContext> {
    const key = `agent:conv:${req.tenantId}:${req.conversationId}`;
    const local = hots.get(key);
    if (local) return local;
    const cached = await cache.get(key);
    if (cached) {
      const hot = JSON.parse(cached) as HotContext;
      hots.set(key, hot);
      return hot;
    }
    const contact = await upsertContactByPhone(deps.db, req.tenantId, req.callerPhone);
    const call = req.callSid ? await getCallBySid(deps.db, req.tenantId, req.callSid) : null;
    await ensureConversation(deps.db, req.tenantId, {
      id: rowId,
      contactId: contact.id,
      channel: req.channel,
      callId: call?.id ?? null,
    });
    const hot = { contactId: contact.id, callId: call?.id ?? null };
    await cache.set(key, JSON.stringify(hot), HOT_CONTEXT_TTL_S);
    hots.set(key, hot);
    return hot;
  }

  return {
    async runTurn(req: TurnRequest, opts: TurnOptions = {}): Promise<TurnResponse> {
      const started = performance.now();
      const tenant = await tenantOf(req.tenantId);
      const rowId = conversationRowId(req.tenantId, req.conversationId);
      const release = await lock.acquire(
        `agent:lock:${req.tenantId}:${req.conversationId}`,
        opts.signal,
      );
      // A turn never outlives its lock: past the deadline the model request is aborted and the
      // caller hears an apology instead of silence.
      const deadline = AbortSignal.timeout(deps.config.AGENT_TURN_TIMEOUT_MS);
      const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
      const answeredKey = req.turnId ? `agent:turn:${req.tenantId}:${req.turnId}` : null;
      const sids = req.turnId ? turnMessageSids(req.turnId) : null;
      try {
        if (answeredKey) {
          // A retry of a turn answered meanwhile (the channel gave up waiting, then asked again):
          // the caller gets the first attempt's reply, and the graph does not hear the words twice.
          const earlier = await cache.get(answeredKey);
          if (earlier) {
            const response = JSON.parse(earlier) as TurnResponse;
            opts.onDelta?.(response.reply);
            deps.services.logger.info(
              { tenantId: req.tenantId, agent: response.agent },
              'turn answered from its earlier attempt',
            );
            return response;
          }
        }
        const hot = await hotContext(req, rowId);
        const text = req.text.trim();
        const ctx: TurnContext = {
          tenant,
          contactId: hot.contactId,
          conversationRowId: rowId,
          callId: hot.callId,
          callerPhone: req.callerPhone,
          channel: req.channel,
          text,
          digits: req.digits,
          callerVerified: req.callerVerified === true || req.channel === 'sms',
          session: req.channel === 'sms' ? 'sms' : (req.callSid ?? req.conversationId),
          interruptedSpokenText: req.interruptedReply?.spokenText,
          now: now(),
          brain: deps.brain,
          signal,
          onDelta: opts.onDelta,
        };
        let reply: string;
        let agent: TurnResponse['agent'];
        let actions: TurnResponse['actions'] = [];
        let usedKnowledge: string[] = [];
        let callerStored = false;
        const where = { conversationId: rowId, channel: req.channel, callSid: req.callSid };
        const keepCallerWords = async () => {
          await insertTurnMessages(deps.db, req.tenantId, where, [
            { role: 'caller', text: req.text, providerSid: sids?.caller },
          ]);
          callerStored = true;
        };
        let language: string | undefined;
        let metered: ConversationState | null = null;
        if (!text && !req.digits) {
          reply = NOT_HEARD;
          agent = 'triage';
          opts.onDelta?.(reply);
        } else {
          // The state after each node (the input `{}` itself writes none): past the deadline the
          // last one still tells which brain read the caller's words and what that cost.
          let timedOut = false;
          try {
            const states = await deps.graph.stream(
              {},
              {
                configurable: { thread_id: agentThreadId(req.tenantId, req.conversationId) },
                context: ctx,
                signal,
                durability: 'exit',
                streamMode: 'values',
              },
            );
            for await (const s of states) metered = s;
          } catch (err) {
            // Cut off (barge-in, hang-up) or failed: the caller's words still belong in the transcript.
            await keepCallerWords().catch(() => undefined);
            if (!deadline.aborted || opts.signal?.aborted) throw err;
            timedOut = true;
          }
          const state = timedOut ? null : metered;
          if (state) {
            // A turn whose commands nobody acted on still answers: never silence on the line.
            reply = state.out.replies.join(' ').trim() || NOT_HEARD;
            agent = state.out.agent;
            actions = state.out.actions;
            usedKnowledge = state.out.usedKnowledge;
            language = tenantTag(tenant.languages, state.language);
          } else {
            deps.services.logger.warn({ tenantId: req.tenantId }, 'turn exceeded its deadline');
            reply = TOO_SLOW;
            agent = 'triage';
            opts.onDelta?.(reply);
          }
        }
        const latencyMs = Math.round(performance.now() - started);
        const brain = metered?.out.brain ?? deps.brain;
        const usage = metered?.out.usage ?? noUsage();
        await insertTurnMessages(deps.db, req.tenantId, where, [
          ...(callerStored
            ? []
            : [{ role: 'caller' as const, text: req.text, providerSid: sids?.caller }]),
          {
            role: 'agent',
            providerSid: sids?.reply,
            text: reply,
            agent,
            latencyMs,
            modelLatencyMs: usage.modelLatencyMs,
            inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens,
            costMicroUsd: usage.costMicroUsd,
          },
        ]);
        deps.services.metrics.turnDuration.observe({ brain, agent }, latencyMs / 1000);
        deps.services.logger.info(
          {
            tenantId: req.tenantId,
            agent,
            brain,
            latencyMs,
            actions: actions.map((a) => a.type),
            knowledge: usedKnowledge,
          },
          'turn answered',
        );
        const response: TurnResponse = {
          reply,
          agent,
          actions,
          brain,
          usage,
          latencyMs,
          sources: usedKnowledge,
          language,
        };
        if (answeredKey) await cache.set(answeredKey, JSON.stringify(response), ANSWERED_TTL_S);
        return response;
      } finally {
        await release().catch(() => undefined);
      }
    },

    /**
     * Applies what the channel reports of a turn (see TurnReport). A turn without an id is
     * reported under the conversation's lock, so a turn still unwinding from a barge-in has
     * stored the caller's words before what was heard goes after them.
     */
    async report(r: TurnReport): Promise<void> {
      const rowId = conversationRowId(r.tenantId, r.conversationId);
      // The agent may never have seen this conversation (it was down): the row comes first.
      await hotContext(r, rowId);
      const apply = () =>
        applyTurnReport(deps.db, r.tenantId, {
          conversationId: rowId,
          channel: r.channel,
          callSid: r.callSid,
          sids: r.turnId ? turnMessageSids(r.turnId) : null,
          callerText: r.callerText,
          heard: r.heard,
          reply: r.reply,
          channelLatencyMs: r.channelLatencyMs,
        });
      if (r.turnId) {
        await apply();
        return;
      }
      const release = await lock.acquire(`agent:lock:${r.tenantId}:${r.conversationId}`);
      try {
        await apply();
      } finally {
        await release().catch(() => undefined);
      }
    },
  };
}

export type TurnService = ReturnType<typeof createTurnService>;

/** The tenant's own tag for the conversation's language ("fr" → "fr-CA" for a Quebec business). */
function tenantTag(tags: string[], lang: string | null): string | undefined {
  if (!lang) return tags[0];
  return tags.find((t) => t.toLowerCase().startsWith(lang)) ?? tags[0];
}
