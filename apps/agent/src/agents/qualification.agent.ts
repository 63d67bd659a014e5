import type { Tenant } from '@receptionist/domain';
import {
  bareName,
  detectIntents,
  extractEmail,
  extractName,
  matchService,
  returningOf,
  urgencyOf,
} from '../brains/language.ts';
import { saveLead, saveLeadDetailsTool } from '../tools/lead.tools.ts';
import type { AgentDefinition } from './agent.ts';
import type { Lead } from './agent.types.ts';

/** The tenant's own questions: tenants.settings.qualificationQuestions = [{key, question}]. */
export function customQuestions(tenant: Tenant): { key: string; question: string }[] {
  const q = tenant.settings.qualificationQuestions;
  if (!Array.isArray(q)) return [];
  return q.filter(
    (x): x is { key: string; question: string } =>
      typeof x?.key === 'string' && typeof x?.question === 'string',
  );
}

function nextQuestion(tenant: Tenant, lead: Lead): { key: string; question: string } | undefined {
  if (!lead.name) return { key: 'name', question: 'May I have your name, please?' };
  if (!lead.service && !lead.reason)
    return {
      key: 'reason',
      question: 'What can we help you with, or which service are you interested in?',
    };
  if (lead.returning === undefined)
    return {
      key: 'returning',
      question: 'Have you been to us before, or would this be your first visit?',
    };
  return customQuestions(tenant).find((q) => !lead.custom?.[q.key]);
}

export const qualificationAgent: AgentDefinition = {
  name: 'qualification',
  instructions: `You get to know the caller: their name, the reason for the visit or the service they want, how urgent it is, whether they have been a customer before, and the business's own questions listed below.
Ask one question at a time and store every answer at once with save_lead_details.
When you know enough, offer to book; if they want to book, call hand_over with agent "booking". If they ask a question, call hand_over with agent "faq".`,
  tools: [saveLeadDetailsTool],
  tenantContext: (t) => {
    const qs = customQuestions(t);
    return qs.length
      ? `The business's own questions (key: question):\n${qs.map((q) => `${q.key}: ${q.question}`).join('\n')}`
      : '';
  },
  async offline(env) {
    const { ctx, work } = env;
    const text = ctx.text;
    const asked = work.asked;
    const fields: Partial<Lead> = {
      name: extractName(text) ?? (asked === 'name' ? bareName(text) : undefined),
      email: extractEmail(text),
      service: matchService(ctx.tenant, text),
      urgency: urgencyOf(text),
      returning: returningOf(text),
    };
    if (asked === 'reason' && !fields.service && text.trim().length > 2)
      fields.reason = text.trim();
    const custom = customQuestions(ctx.tenant).find((q) => q.key === asked);
    if (custom && text.trim()) fields.custom = { [custom.key]: text.trim().slice(0, 300) };
    const lead = await saveLead(env, fields);
    if (detectIntents(text).includes('booking')) {
      env.handOver('booking');
      return;
    }
    const next = nextQuestion(ctx.tenant, lead);
    work.asked = next?.key ?? null;
    const thanks = fields.name ? `Thanks, ${fields.name.split(' ')[0]}. ` : '';
    env.say(
      next ? `${thanks}${next.question}` : `${thanks}Would you like me to find a time for you?`,
    );
  },
};
