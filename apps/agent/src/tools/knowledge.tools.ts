import { z } from 'zod';
import { defineTool } from './tool.ts';

export const searchKnowledgeTool = defineTool({
  name: 'search_knowledge',
  description:
    "Search the business's own knowledge base (prices, insurance, location, policies). Answer only from what it returns.",
  input: z.object({
    query: z.string().min(2).max(300).describe('What the caller wants to know, in a few words'),
    tag: z.string().max(40).optional().describe("Only entries with this tag, e.g. 'objection'"),
  }),
  async run(input, { ctx, work, services }) {
    const hits = await services.knowledge.search(ctx.tenant.id, input.query, {
      limit: 3,
      tag: input.tag,
    });
    work.out.usedKnowledge.push(...hits.map((h) => h.id));
    return {
      entries: hits.map((h) => ({ id: h.id, question: h.question, answer: h.answer })),
      found: hits.length > 0,
    };
  },
});
