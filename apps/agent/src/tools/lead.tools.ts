import { scoreLead } from '@receptionist/domain';
import { updateContactDetails } from '@receptionist/db';
import type { Lead } from '../agents/agent.types.ts';
import type { ToolEnv } from './tool.ts';

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
