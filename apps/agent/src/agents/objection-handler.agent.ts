import type { Tenant } from '@receptionist/domain';
import type { ObjectionKind } from '../dialogue/commands.ts';
import { ask, take, words } from '../flows/flow-kit.ts';
import { answerFor } from '../flows/knowledge.flow.ts';
import type { AgentDefinition } from './agent.ts';

/** The tenant's approved answers: tenants.settings.objections.{price,timing,trust,discount}. */
export function approvedAnswer(
  settings: Tenant['settings'],
  kind: ObjectionKind,
): string | undefined {
  const o = settings.objections as Record<string, unknown> | undefined;
  const v = o?.[kind];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * Price, timing, trust and discount objections, answered only with what the business approved.
 * A discount is never promised: without an approved answer the caller hears that we cannot offer
 * one ourselves, and a person is offered.
 */
export const objectionHandlerAgent: AgentDefinition = {
  name: 'objection_handler',
  instructions: `Handles hesitation about price, timing, trust or a discount with the business's approved answers only; never promises a discount or anything not approved.`,
  commands: ['objection'],
  async handle(env) {
    const p = words(env);
    const [first] = take(env, ['objection']);
    if (!first) return;
    const answer = approvedAnswer(env.ctx.tenant.settings, first.kind);
    // A published offer ("new patients get the first exam for $89") is the business's own word.
    const known =
      !answer && (first.kind === 'discount' || first.kind === 'price')
        ? await answerFor(env, env.ctx.text).catch(() => undefined)
        : undefined;
    if (known) {
      env.work.out.usedKnowledge.push(...known.sources);
      ask(env, 'book_offer', p.objection(known.text), true);
      return;
    }
    if (first.kind === 'discount') {
      env.work.escalationState = { ...env.work.escalationState, about: 'asked about a discount' };
      ask(env, 'handoff_offer', p.noDiscount(answer), true);
      return;
    }
    if (answer) ask(env, 'book_offer', p.objection(answer), true);
    else {
      env.work.escalationState = {
        ...env.work.escalationState,
        about: `concern about ${first.kind}`,
      };
      ask(env, 'handoff_offer', p.objectionNone(), true);
    }
  },
};
