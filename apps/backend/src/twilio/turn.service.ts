import type { CallEvent, Tenant, TurnAction, TurnReport, TurnResponse } from '@receptionist/domain';
import { isE164, matchTenantLanguage } from '@receptionist/domain';
import { propagationHeaders } from '@receptionist/observability';
import { saveCallContext, type CallContext } from './call-context.ts';
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
 * A transfer the voice layer decides on its own (the day's model budget is spent, the agent did
 * not answer): the summary the team is whispered is kept with the call for the transfer route, and
 * the call workflow is told nobody recorded an escalation yet.
 */
export async function emitVoiceTransfer(
  deps: TwilioDeps,
  ctx: CallContext,
  to: string,
  summary: string,
): Promise<void> {
  ctx.transferSummary = summary;
  await saveCallContext(deps.redis, ctx);
  await emitCallEvent(deps, ctx.callSid, { type: 'transfer', to, summary, recorded: false });
}

/** Attempts of a report the agent service did not take, a second, then 2, 4, 8 and 16 s apart. */
const REPORT_RETRIES = 5;

/**
 * The agent service is the one writer of the transcript. The channel reports what only it knows
 * of a turn: the caller's words and the channel's own words when it gave up on the agent (down,
 * or slower than the caller can wait), how much of a reply was heard, its hop time. A report the
 * agent service cannot take now is retried in the background, off the caller's path.
 */
export async function reportTurn(
  deps: TwilioDeps,
  ctx: CallContext,
  r: Pick<TurnReport, 'turnId' | 'callerText' | 'heard' | 'reply' | 'channelLatencyMs'>,
): Promise<void> {
  const report: TurnReport = {
    tenantId: ctx.tenantId,
    conversationId: ctx.conversationKey,
    channel: 'voice',
    callerPhone: ctx.callerPhone,
    callSid: ctx.callSid,
    ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined && v !== '')),
  };
  if (await deps.agent.report(report, propagationHeaders())) return;
  void (async () => {
    for (let i = 0; i < REPORT_RETRIES; i++) {
      await new Promise((done) => setTimeout(done, 1_000 * 2 ** i).unref());
      if (await deps.agent.report(report)) return;
    }
    deps.logger.error({ callSid: ctx.callSid }, 'turn report not taken by the agent service');
  })();
}

/** The time our whole hop took for a turn the agent answered, from Twilio's webhook to our answer. */
export function reportHopTime(
  deps: TwilioDeps,
  ctx: CallContext,
  startedAt: number,
  turn: { turnId?: string; reply?: string },
): void {
  // Bookkeeping: the caller's answer does not wait for it.
  void reportTurn(deps, ctx, {
    ...turn,
    channelLatencyMs: Math.max(0, Math.round(performance.now() - startedAt)),
  }).catch((err) => deps.logger.warn({ err }, 'turn hop time not reported'));
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

/** One Gather-mode turn: ask the agent (bounded by its timeout), then report our hop time. */
export async function runVoiceTurn(
  deps: TwilioDeps,
  tenant: Tenant,
  ctx: CallContext,
  input: { text: string; digits?: string; turnId: string },
): Promise<VoiceTurnOutcome> {
  const startedAt = performance.now();
  const allowed = await turnAllowed(deps, tenant, ctx.callerPhone);
  if (allowed !== 'ok') return { response: null, next: { kind: 'continue' }, limited: allowed };
  // Kept in the call context; the end-of-call signal tells the call workflow.
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
  if (!response) return { response: null, next: { kind: 'continue' } };
  recordUsage(deps, tenant, response.usage);
  rememberLanguage(tenant, ctx, response);
  reportHopTime(deps, ctx, startedAt, { turnId: input.turnId });
  const next = await applyActions(deps, tenant, ctx, response.actions);
  return { response, next };
}
