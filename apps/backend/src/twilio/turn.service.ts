import { annotateVoiceTurn, appendMessage, ensureConversationRow } from '@receptionist/db';
import type { CallEvent, Tenant, TurnAction, TurnResponse } from '@receptionist/domain';
import { isE164, matchTenantLanguage, turnMessageSids } from '@receptionist/domain';
import { propagationHeaders } from '@receptionist/observability';
import type { CallContext } from './call-context.ts';
import type { TwilioDeps } from './deps.ts';
import { claimTransfer, recordUsage, textTarget, turnAllowed } from './channel-limits.ts';

export interface VoiceTurnOutcome {
  response: TurnResponse | null;
  /**
   * What the call does next, decided by the agent's actions. `message`: the agent asked for a
   * transfer that cannot be made (no staff number allowed, or today's dials spent).
   */
  next:
    | { kind: 'continue' }
    | { kind: 'end' }
    | { kind: 'transfer'; to: string; summary: string }
    | { kind: 'message' };
  /** The turn never reached the agent: the caller's rate, or the business's model budget. */
  limited?: 'turn_rate' | 'model_budget';
}

/** Signals are best-effort from the caller's point of view: a Temporal hiccup must not cost a turn. */
export async function emitCallEvent(deps: TwilioDeps, callSid: string, event: CallEvent) {
  try {
    await deps.workflows.callEvent(callSid, event);
  } catch (err) {
    deps.logger.error({ err, event: event.type }, 'call event not delivered to workflow');
  }
}

/**
 * The agent service stores every turn it answers. The channel stores only what the agent never
 * saw: words of a turn the agent could not answer (down, or the reply cut off before it finished).
 * With the turn's id, these rows and the agent's share their keys: whichever is stored first
 * stays, so a reply the agent finishes after the call moved on never lands beside the one spoken.
 */
export async function storeUnansweredTurn(
  deps: TwilioDeps,
  ctx: CallContext,
  callerText: string,
  spokenReply?: string,
  turnId?: string,
): Promise<void> {
  const sids = turnId ? turnMessageSids(turnId) : null;
  await ensureConversationRow(deps.db, ctx.tenantId, {
    id: ctx.conversationId,
    contactId: ctx.contactId,
    channel: 'voice',
    callId: ctx.callId,
  });
  const base = {
    conversationId: ctx.conversationId,
    channel: 'voice' as const,
    callSid: ctx.callSid,
  };
  if (callerText)
    await appendMessage(deps.db, ctx.tenantId, {
      ...base,
      role: 'caller',
      text: callerText,
      providerSid: sids?.caller,
    });
  if (spokenReply)
    await appendMessage(deps.db, ctx.tenantId, {
      ...base,
      role: 'agent',
      text: spokenReply,
      providerSid: sids?.reply,
    });
}

/** Marks the turn the agent just stored with the call and the time our whole hop took. */
export async function annotateTurn(deps: TwilioDeps, ctx: CallContext, startedAt: number) {
  await annotateVoiceTurn(deps.db, ctx.tenantId, ctx.conversationId, {
    callSid: ctx.callSid,
    channelLatencyMs: Math.max(0, Math.round(performance.now() - startedAt)),
  });
}

/**
 * Keeps the reply's language as the call's (a tag the tenant does not speak is ignored): what
 * the backend says itself from now on, and how it listens, follow the caller's language.
 * True when it changed.
 */
export function rememberLanguage(
  tenant: Tenant,
  ctx: CallContext,
  response: TurnResponse,
): boolean {
  const language = matchTenantLanguage(tenant.languages, response.language);
  if (!language || language === ctx.language) return false;
  ctx.language = language;
  return true;
}

/** Turns the agent's actions into call events and the call's next step. */
export async function applyActions(
  deps: TwilioDeps,
  tenant: Tenant,
  ctx: CallContext,
  actions: TurnAction[],
): Promise<VoiceTurnOutcome['next']> {
  let next: VoiceTurnOutcome['next'] = { kind: 'continue' };
  for (const action of actions) {
    switch (action.type) {
      case 'transfer': {
        // Only the tenant's own staff numbers are dialled, within today's dial budget.
        const to: string | null =
          next.kind === 'transfer' ? null : await claimTransfer(deps, tenant, ctx, action.to);
        if (!to) {
          if (next.kind !== 'transfer') next = { kind: 'message' };
          break;
        }
        ctx.transferSummary = action.summary;
        await emitCallEvent(deps, ctx.callSid, {
          type: 'transfer',
          to,
          summary: action.summary,
          recorded: true,
        });
        next = { kind: 'transfer', to, summary: action.summary };
        break;
      }
      case 'end_call':
        if (next.kind === 'continue') next = { kind: 'end' };
        break;
      case 'send_sms': {
        ctx.smsSeq += 1;
        await emitCallEvent(deps, ctx.callSid, {
          type: 'send_sms',
          key: `${ctx.callSid}:sms:${ctx.smsSeq}`,
          to: isE164(action.to) ? textTarget(tenant, ctx, action.to) : ctx.callerPhone,
          body: action.body,
        });
        break;
      }
      case 'booking_started':
        await emitCallEvent(deps, ctx.callSid, {
          type: 'booking_started',
          bookingId: action.bookingId,
        });
        break;
      case 'booking_confirmed':
        await emitCallEvent(deps, ctx.callSid, {
          type: 'booking_confirmed',
          bookingId: action.bookingId,
          startsAt: action.startsAt,
          service: action.service,
        });
        break;
      case 'take_message':
        await emitCallEvent(deps, ctx.callSid, {
          type: 'message_taken',
          summary: action.summary,
          recorded: true,
        });
        break;
    }
  }
  return next;
}

/** One Gather-mode turn: ask the agent (bounded by its timeout), then mark the stored turn. */
export async function runVoiceTurn(
  deps: TwilioDeps,
  tenant: Tenant,
  ctx: CallContext,
  input: { text: string; digits?: string; turnId: string },
): Promise<VoiceTurnOutcome> {
  const startedAt = performance.now();
  const allowed = await turnAllowed(deps, tenant, ctx.callerPhone);
  if (allowed !== 'ok') return { response: null, next: { kind: 'continue' }, limited: allowed };
  // The first-words signal travels while the agent thinks: it is not on the caller's critical path.
  const spoke = ctx.spoke
    ? Promise.resolve()
    : emitCallEvent(deps, ctx.callSid, { type: 'caller_spoke' });
  ctx.spoke = true;
  const response = await deps.agent.turn(
    {
      tenantId: ctx.tenantId,
      conversationId: ctx.conversationKey,
      channel: 'voice',
      text: input.text,
      callerPhone: ctx.callerPhone,
      callerVerified: ctx.callerVerified === true,
      ...(input.digits ? { digits: input.digits } : {}),
      callSid: ctx.callSid,
      turnId: input.turnId,
    },
    propagationHeaders(),
  );
  await spoke;
  if (!response) return { response: null, next: { kind: 'continue' } };
  recordUsage(deps, tenant, response.usage);
  rememberLanguage(tenant, ctx, response);
  // Marking the stored turn is bookkeeping: the caller's answer does not wait for it.
  void annotateTurn(deps, ctx, startedAt).catch((err) =>
    deps.logger.warn({ err }, 'turn not annotated'),
  );
  const next = await applyActions(deps, tenant, ctx, response.actions);
  return { response, next };
}
