import { describe, expect, it } from 'vitest';
import type { ConversationState } from '../graph/conversation-state.annotation.ts';
import type { Command } from '../dialogue/commands.ts';
import { confirmationGate } from './confirmation.ts';

function env(heard: Command[], turn: number, work?: ConversationState) {
  const w = work ?? ({ turn, bookingDraft: { offers: [] } } as unknown as ConversationState);
  w.turn = turn;
  w.heard = heard;
  return { work: w };
}

const yes: Command[] = [{ type: 'affirm' }];

describe('confirmation gate', () => {
  it('asks first, and runs only on a plain yes in a later turn for exactly what was read back', () => {
    const first = env([{ type: 'start_flow', flow: 'book' }], 1);
    expect(confirmationGate(first, 'book', 'cleaning|10:00', 'a cleaning at 10')).toBe('ask');
    // A yes in the same turn the read-back was produced is not a confirmation of it.
    expect(confirmationGate(env(yes, 1, first.work), 'book', 'cleaning|10:00', 'x')).toBe('ask');
    const later = env(yes, 2, first.work);
    expect(confirmationGate(later, 'book', 'cleaning|11:00', 'a cleaning at 11')).toBe('ask');
    const again = env(yes, 3, later.work);
    expect(confirmationGate(again, 'book', 'cleaning|11:00', 'a cleaning at 11')).toBe('confirmed');
    expect(again.work.bookingDraft.pending).toBeUndefined();
  });

  it('does not take a yes that comes with a correction as a confirmation', () => {
    const first = env([], 1);
    confirmationGate(first, 'book', 'k', 'r');
    const yesBut = env([{ type: 'affirm' }, { type: 'correction' }], 2, first.work);
    expect(confirmationGate(yesBut, 'book', 'k', 'r')).toBe('ask');
  });

  it('refuses and forgets the pending change on words that try to override the rules', () => {
    const first = env([], 1);
    confirmationGate(first, 'book', 'k', 'r');
    const override = env([{ type: 'affirm' }, { type: 'override_attempt' }], 2, first.work);
    expect(confirmationGate(override, 'book', 'k', 'r')).toBe('refused');
    expect(override.work.bookingDraft.pending).toBeUndefined();
  });
});
