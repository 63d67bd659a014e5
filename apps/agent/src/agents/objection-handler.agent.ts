import { searchKnowledgeTool } from '../tools/knowledge.tools.ts';
import type { AgentDefinition } from './agent.ts';

type Category = 'price' | 'timing' | 'trust';

export function objectionCategory(text: string): Category {
  if (/\b(trust|scam|legit|reviews?|qualified|safe|licensed)\b/i.test(text)) return 'trust';
  if (/\b(not (right )?now|later|think about it|no time|busy|next month)\b/i.test(text))
    return 'timing';
  return 'price';
}

/** The tenant's approved answers: tenants.settings.objections.{price,timing,trust}. */
export function approvedAnswer(settings: Record<string, unknown>, c: Category): string | undefined {
  const o = settings.objections as Record<string, unknown> | undefined;
  const v = o?.[c];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

export const objectionHandlerAgent: AgentDefinition = {
  name: 'objection_handler',
  instructions: `You handle hesitation about price, timing or trust.
Use only the business's approved answers: the "Approved answers" below, and search_knowledge with tag "objection".
Acknowledge the concern in one short sentence, give the approved answer, then gently offer to book. Never offer discounts or promises that are not in the approved answers.
If the caller agrees to book, call hand_over with agent "booking".`,
  tools: [searchKnowledgeTool],
  tenantContext: (t) => {
    const lines = (['price', 'timing', 'trust'] as const)
      .map((c) => [c, approvedAnswer(t.settings, c)] as const)
      .filter(([, a]) => a)
      .map(([c, a]) => `${c}: ${a}`);
    return lines.length
      ? `Approved answers:\n${lines.join('\n')}`
      : 'Approved answers: none configured.';
  },
  async offline(env) {
    const { ctx } = env;
    const category = objectionCategory(ctx.text);
    let answer = approvedAnswer(ctx.tenant.settings, category);
    if (!answer) {
      const r = await env.tool(searchKnowledgeTool, { query: ctx.text, tag: 'objection' });
      if (r.ok) answer = (r.data as { entries: { answer: string }[] }).entries[0]?.answer;
    }
    env.say(
      answer
        ? `I understand. ${answer} Would you like me to find a time that suits you?`
        : "I understand. I'd be happy to have someone from the team talk it through with you, or I can find a time that suits you. What would you prefer?",
    );
  },
};
