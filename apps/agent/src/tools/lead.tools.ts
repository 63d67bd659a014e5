import { z } from 'zod';
import { scoreLead } from '@receptionist/domain';
import { updateContactDetails } from '@receptionist/db';
import type { Lead } from '../agents/agent.types.ts';
import { defineTool, type ToolEnv } from './tool.ts';

export async function saveLead(env: ToolEnv, fields: Partial<Lead>): Promise<Lead> {
  const { ctx, work, services } = env;
  const lead: Lead = {
    ...work.lead,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    custom: { ...work.lead.custom, ...fields.custom },
  };
  lead.score = scoreLead(lead);
  work.lead = lead;
  const { name, email, score, ...qualification } = lead;
  await updateContactDetails(services.db, ctx.tenant.id, ctx.contactId, {
    name: name ?? null,
    email: email ?? null,
    qualification,
    leadScore: score,
  });
  return lead;
}

export const saveLeadDetailsTool = defineTool({
  name: 'save_lead_details',
  description:
    'Store what the caller told you about themselves. Call it as soon as you learn any of these.',
  input: z.object({
    name: z.string().min(1).max(120).optional(),
    email: z.email().optional(),
    reason: z.string().max(300).optional().describe('Reason for the visit, in their words'),
    service: z.string().max(120).optional().describe("One of the business's services"),
    urgency: z.enum(['low', 'normal', 'high']).optional(),
    returning: z.boolean().optional().describe('true if they have been a customer before'),
    custom: z
      .record(z.string().max(60), z.string().max(300))
      .optional()
      .describe("Answers to the business's own questions, keyed by question key"),
  }),
  async run(input, env) {
    const lead = await saveLead(env, input);
    return { saved: true, leadScore: lead.score };
  },
});
