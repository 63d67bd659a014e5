import type { AgentName } from '@receptionist/domain';
import {
  bareName,
  detectIntents,
  extractName,
  isAffirmative,
  isNegative,
  matchService,
  parseWhen,
} from '../brains/language.ts';
import type { ConversationState, TurnContext } from './agent.types.ts';

/**
 * Triage routes every turn by rules, in microseconds: the caller's intent first, then the
 * conversation in progress. It costs no model call, so a voice turn pays for one model round trip
 * only; a specialist that finds the turn is not its own hands over through the graph.
 */
export function routeTurn(state: ConversationState, ctx: TurnContext): AgentName {
  const text = ctx.text;
  const intents = new Set(detectIntents(text));
  const current = state.currentAgent;
  const b = state.bookingDraft;

  if (state.escalationState.awaitingMessage && !intents.has('booking')) return 'escalation';
  if (intents.has('escalation')) return 'escalation';
  if (b.pending && (isAffirmative(text) || isNegative(text))) return 'booking';
  if (intents.has('objection')) return 'objection_handler';
  if (intents.has('booking')) return 'booking';
  if (intents.has('closing') || (b.booked && isNegative(text))) return 'closing';
  if (current === 'booking' && (!b.booked || b.rescheduling)) {
    const timeOrChoice =
      parseWhen(text, ctx.tenant.timezone, ctx.now) ||
      /\b(first|second|third|last|earliest|soonest|latest|earlier|later|other)\b/i.test(text) ||
      matchService(ctx.tenant, text) ||
      bareName(text) ||
      extractName(text) ||
      isAffirmative(text);
    if (timeOrChoice) return 'booking';
  }
  if (intents.has('faq')) return 'faq';
  if (current === 'objection_handler' && isAffirmative(text)) return 'booking';
  if (current === 'faq' && isAffirmative(text)) return 'booking';
  if (intents.has('qualification')) return 'qualification';
  if (current === 'qualification' || current === 'booking' || current === 'faq') return current;
  return state.turn <= 1 ? 'qualification' : 'faq';
}
