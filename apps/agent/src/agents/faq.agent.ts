import { searchKnowledgeTool } from '../tools/knowledge.tools.ts';
import { transferToHumanTool, takeMessageTool } from '../tools/escalation.tools.ts';
import type { AgentDefinition } from './agent.ts';
import { openingHoursText } from './tenant-profile.ts';

const NOT_KNOWN =
  "I'm sorry, I don't have that information. I can put you through to someone on the team or take a message so they can call you back. Which would you prefer?";

export const faqAgent: AgentDefinition = {
  name: 'faq',
  instructions: `You answer the caller's questions about the business.
Answer only from search_knowledge results and the business facts below; always search before answering a question not covered by the facts.
If neither has the answer, say you don't know and offer a person or a callback. Never guess prices, medical advice or policies.
After answering, offer to book a visit when that fits. If the caller wants to book, call hand_over with agent "booking".`,
  tools: [searchKnowledgeTool, transferToHumanTool, takeMessageTool],
  async offline(env) {
    const { ctx } = env;
    const r = await env.tool(searchKnowledgeTool, { query: ctx.text });
    if (!r.ok) {
      env.say(r.error.startsWith('invalid') ? NOT_KNOWN : APOLOGY_FAQ);
      return;
    }
    const { entries } = r.data as { entries: { answer: string }[] };
    if (entries[0]) {
      env.say(`${entries[0].answer} Would you like to book a visit?`);
      return;
    }
    if (/\b(hours|open|close|closing)\b/i.test(ctx.text)) {
      env.say(`Our opening hours are ${openingHoursText(ctx.tenant).replaceAll(';', ',')}.`);
      return;
    }
    env.say(NOT_KNOWN);
  },
};

const APOLOGY_FAQ =
  "I'm sorry, I can't look that up right now. I can put you through to someone on the team, or take a message so they can call you back.";
