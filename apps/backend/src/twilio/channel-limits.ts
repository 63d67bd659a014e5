import { createLimits, type Limits } from '@receptionist/db';
import { destinationAllowed, isE164, type Tenant } from '@receptionist/domain';
import { budgetExceededCounter, maskPhone } from '@receptionist/observability';
import type { CallContext } from './call-context.ts';
import type { TwilioDeps } from './deps.ts';

/** The longest caller text a turn carries to the agent (the turn contract's own cap). */
export const MAX_TURN_TEXT = 4_000;

/** Speech or a text cut to what a turn may carry, instead of refusing the webhook. */
export const boundTurnText = (text: string) => text.slice(0, MAX_TURN_TEXT);

const built = new WeakMap<object, Limits>();

/** The channel's limits: the ones given, or (once per Redis client) counted on the channel's Redis. */
export function channelLimits(deps: TwilioDeps): Limits {
  if (deps.limits) return deps.limits;
  let limits = built.get(deps.redis);
  if (!limits) {
    const counter = deps.metrics ? budgetExceededCounter(deps.metrics.registry) : null;
    limits = createLimits({
      redis: deps.redis,
      db: deps.db,
      onExceeded: (tenant, kind) => counter?.inc({ tenant, kind }),
      onUnavailable: (err) => deps.logger.warn({ err }, 'limits counted in process: redis away'),
    });
    built.set(deps.redis, limits);
  }
  return limits;
}

/** The tenant's own staff numbers: the only ones a call is ever transferred or texted to. */
export function staffNumbers(tenant: Tenant): string[] {
  const phones = new Set<string>();
  if (tenant.escalationPhone) phones.add(tenant.escalationPhone);
  for (const c of tenant.escalationContacts) if (c.phone) phones.add(c.phone);
  return [...phones];
}

/**
 * Where a transfer may ring: the number the agent asked for only if it is one of the tenant's
 * staff numbers, else the tenant's escalation phone (or first staff number); never a number the
 * agent made up, and only inside the allowed countries. Null when there is none.
 */
export function transferTarget(
  deps: TwilioDeps,
  tenant: Tenant,
  ctx: Pick<CallContext, 'businessPhone'>,
  requested?: string,
): string | null {
  const { allowedCountries } = channelLimits(deps).of(tenant);
  const allowed = staffNumbers(tenant).filter((to) =>
    destinationAllowed(to, { allowedCountries, businessPhone: ctx.businessPhone }),
  );
  if (requested && allowed.includes(requested)) return requested;
  if (requested && isE164(requested) && !staffNumbers(tenant).includes(requested))
    deps.logger.warn(
      { to: maskPhone(requested) },
      'transfer to a number that is not staff refused',
    );
  return allowed[0] ?? null;
}

/**
 * The number a transfer of this call dials, once the day's dial budget allows it (counted once
 * per call and target); null means the caller leaves a message instead.
 */
export async function claimTransfer(
  deps: TwilioDeps,
  tenant: Tenant,
  ctx: Pick<CallContext, 'businessPhone' | 'callSid'>,
  requested?: string,
): Promise<string | null> {
  const to = transferTarget(deps, tenant, ctx, requested);
  if (!to) return null;
  return (await channelLimits(deps).consumeDial(tenant, `${ctx.callSid}:dial:${to}`)) ? to : null;
}

/** A text the agent asked for goes to the caller, or to one of the tenant's staff; no one else. */
export function textTarget(
  tenant: Tenant,
  ctx: Pick<CallContext, 'callerPhone'>,
  to: string,
): string {
  return to !== ctx.callerPhone && staffNumbers(tenant).includes(to) ? to : ctx.callerPhone;
}

/**
 * Whether a turn may go to the agent: the caller's rate this minute, then the tenant's model
 * budget for today. The refusal names which, so the caller hears the right sentence.
 */
export async function turnAllowed(
  deps: TwilioDeps,
  tenant: Tenant,
  callerPhone: string,
): Promise<'ok' | 'turn_rate' | 'model_budget'> {
  const limits = channelLimits(deps);
  if (!(await limits.allowTurn(tenant, callerPhone))) return 'turn_rate';
  if (!(await limits.checkModelBudget(tenant)).ok) return 'model_budget';
  return 'ok';
}

/** A turn's model usage counted against the tenant's day; bookkeeping never costs the caller a turn. */
export function recordUsage(
  deps: TwilioDeps,
  tenant: Tenant,
  usage: { inputTokens: number; outputTokens: number; costMicroUsd: number },
): void {
  void channelLimits(deps)
    .recordModelUsage(tenant, {
      tokens: usage.inputTokens + usage.outputTokens,
      costMicroUsd: usage.costMicroUsd,
    })
    .catch((err) => deps.logger.warn({ err }, 'model usage not counted'));
}
