import { getContact } from '@receptionist/db';
import { HttpError } from '@receptionist/observability';
import { defineRoute, orNotFound } from './route-table.ts';
import { uuid, withTenant, z } from './schemas.ts';

const takeOverSchema = z
  .object({
    contactId: uuid,
    followUp: z.enum(['stopped', 'not_running']).openapi({
      description: 'stopped: the running lead follow-up ends now; not_running: none was running',
    }),
  })
  .openapi('LeadFollowUpTakeOver');

export const followUpRoutes = [
  defineRoute({
    operationId: 'eraseContact',
    method: 'post',
    path: '/tenants/{tenantId}/contacts/{contactId}/erasure',
    summary:
      "Erase a contact's data: transcripts, texts, summaries, analyses and the agent's memory of them removed, provider webhook payloads naming them emptied, their number and name taken out of calls, bookings and escalations",
    tag: 'contacts',
    access: 'tenant',
    params: withTenant({ contactId: uuid }),
    body: z.strictObject({}).openapi('ContactErasureRequest'),
    status: 202,
    response: z
      .object({ contactId: uuid, workflowId: z.string() })
      .openapi('ContactErasureAccepted'),
    errors: [503],
    handler: async ({ db, params, key, deps, audit }) => {
      const contact = orNotFound(
        await getContact(db, params.tenantId, params.contactId),
        'contact',
      );
      const by = `api_key:${key.prefix}`;
      const workflowId = deps.followUps
        ? await deps.followUps.eraseContact(params.tenantId, contact.id, by)
        : null;
      if (!workflowId)
        throw new HttpError(503, 'erasure_unavailable', 'the erasure cannot be started right now');
      // The request is audited here; the erasure's own record is contact_erasures.
      await audit({
        action: 'contact.erasure.request',
        resourceType: 'contact',
        resourceId: contact.id,
        after: { workflowId },
      });
      return { contactId: contact.id, workflowId };
    },
  }),
  defineRoute({
    operationId: 'takeOverLeadFollowUp',
    method: 'post',
    path: '/tenants/{tenantId}/contacts/{contactId}/follow-up/take-over',
    summary: 'A person takes over a lead: the automatic follow-up texts stop',
    tag: 'contacts',
    access: 'tenant',
    params: withTenant({ contactId: uuid }),
    body: z
      .strictObject({ by: z.string().trim().min(1).max(120).optional() })
      .openapi('LeadFollowUpTakeOverRequest'),
    status: 200,
    response: takeOverSchema,
    errors: [503],
    handler: async ({ db, params, body, key, deps, audit }) => {
      const contact = orNotFound(
        await getContact(db, params.tenantId, params.contactId),
        'contact',
      );
      const by = body.by ?? `api_key:${key.prefix}`;
      const outcome = deps.followUps
        ? await deps.followUps.leadTakenOver(params.tenantId, contact.id, by)
        : 'unavailable';
      if (outcome === 'unavailable')
        throw new HttpError(
          503,
          'follow_up_service_unavailable',
          'follow-ups cannot be changed right now',
        );
      const after = {
        contactId: contact.id,
        followUp: outcome === 'signalled' ? 'stopped' : 'not_running',
      };
      await audit({
        action: 'lead_follow_up.take_over',
        resourceType: 'contact',
        resourceId: contact.id,
        after: { ...after, by },
      });
      return after;
    },
  }),
];
