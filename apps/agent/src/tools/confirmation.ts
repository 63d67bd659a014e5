import type { PendingConfirmation, ToolEnvLike } from './confirmation.types.ts';
import { plainYes, untrusted } from '../flows/flow-kit.ts';

export type GateDecision = 'confirmed' | 'ask' | 'refused';

/**
 * The rule that protects the calendar: a change runs only when exactly this change was read back
 * to the caller in an earlier turn and what the caller said this turn is a plain yes (the brain's
 * commands: an affirmation with no denial, correction or new time beside it). Words that try to
 * override the rules never confirm anything. Checked here, whatever the brain made of the words.
 */
export function confirmationGate(
  env: ToolEnvLike,
  action: PendingConfirmation['action'],
  key: string,
  readBack: string,
): GateDecision {
  const { work } = env;
  if (untrusted(work)) {
    delete work.bookingDraft.pending;
    return 'refused';
  }
  const p = work.bookingDraft.pending;
  if (p && p.action === action && p.key === key && p.askedAtTurn < work.turn && plainYes(work)) {
    delete work.bookingDraft.pending;
    return 'confirmed';
  }
  work.bookingDraft.pending = { action, key, readBack, askedAtTurn: work.turn };
  return 'ask';
}
