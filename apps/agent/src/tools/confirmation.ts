import type { PendingConfirmation, ToolEnvLike } from './confirmation.types.ts';
import { isAffirmative } from '../brains/language.ts';

export type GateDecision = 'confirmed' | 'ask' | 'refused';

/**
 * The rule that protects the calendar: a change runs only when exactly this change was read back
 * to the caller in an earlier turn and the caller's words this turn are a plain yes. Words that try
 * to override the rules never confirm anything. Checked here, whatever the model decided.
 */
export function confirmationGate(
  env: ToolEnvLike,
  action: PendingConfirmation['action'],
  key: string,
  readBack: string,
): GateDecision {
  const { ctx, work } = env;
  if (ctx.untrusted) {
    delete work.bookingDraft.pending;
    return 'refused';
  }
  const p = work.bookingDraft.pending;
  if (
    p &&
    p.action === action &&
    p.key === key &&
    p.askedAtTurn < work.turn &&
    isAffirmative(ctx.text)
  ) {
    delete work.bookingDraft.pending;
    return 'confirmed';
  }
  work.bookingDraft.pending = { action, key, readBack, askedAtTurn: work.turn };
  return 'ask';
}
