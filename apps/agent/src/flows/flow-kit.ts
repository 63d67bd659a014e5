import type { Expectation, Language } from '../dialogue/commands.ts';
import { phrases, type Phrasebook } from '../dialogue/phrases.ts';
import { spokenTime } from '../booking/spoken-time.ts';
import type { AgentEnv } from '../agents/agent.ts';
import type { Command } from '../dialogue/commands.ts';

/** How often one question may be asked before the flow stops asking it. */
export const MAX_ASKS = 2;

export function words(env: AgentEnv): Phrasebook {
  return phrases(env.work.language);
}

/** An instant as the caller hears it, in their language and the business's timezone. */
export function spokenAt(env: AgentEnv, iso: string | Date): string {
  return spokenTime(new Date(iso), env.ctx.tenant.timezone, env.ctx.now, env.work.language);
}

/** Forgets the booking being made; what was booked or looked up on this call stays. */
export function resetFrame(env: AgentEnv): void {
  const d = env.work.bookingDraft;
  env.work.bookingDraft = { offers: [], booked: d.booked, existing: d.existing };
}

/** Says a question and remembers what it waits for; false when it was asked too often already. */
export function ask(env: AgentEnv, key: Expectation, text: string, force = false): boolean {
  const n = env.work.asks[key] ?? 0;
  if (n >= MAX_ASKS && !force) return false;
  env.work.asks = { ...env.work.asks, [key]: n + 1 };
  env.work.expecting = key;
  env.say(text);
  return true;
}

/** Takes this turn's commands of the given types off the to-do list, in the order they were said. */
export function take<T extends Command['type']>(
  env: AgentEnv,
  types: readonly T[],
): Extract<Command, { type: T }>[] {
  const mine: Extract<Command, { type: T }>[] = [];
  env.work.todo = env.work.todo.filter((c) => {
    if ((types as readonly string[]).includes(c.type)) {
      mine.push(c as Extract<Command, { type: T }>);
      return false;
    }
    return true;
  });
  return mine;
}

export function heard(env: AgentEnv, type: Command['type']): boolean {
  return env.work.heard.some((c) => c.type === type);
}

/** The caller's words this turn try to change the rules: nothing is changed in such a turn. */
export function untrusted(work: { heard: Command[] }): boolean {
  return work.heard.some((c) => c.type === 'override_attempt');
}

/** A plain yes this turn: an affirmation with no denial, correction or override beside it. */
export function plainYes(work: { heard: Command[] }): boolean {
  const types = new Set(work.heard.map((c) => c.type));
  return (
    types.has('affirm') &&
    !types.has('deny') &&
    !types.has('correction') &&
    !types.has('override_attempt') &&
    !types.has('cancel_flow') &&
    !types.has('set_when') &&
    !types.has('set_service') &&
    !types.has('choose_offer')
  );
}

const LOCALES = { en: 'en-US', fr: 'fr-FR', es: 'es-US' } as const;

/** Money as it is said: "$25", "25 $", no cents when there are none. */
export function spokenMoney(
  env: { work: { language: Language } },
  amountMinor: number,
  currency: string,
): string {
  const whole = amountMinor % 100 === 0;
  return new Intl.NumberFormat(LOCALES[env.work.language], {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(amountMinor / 100);
}
