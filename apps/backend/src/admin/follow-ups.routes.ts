import { getContact, getContactErasure } from '@receptionist/db';
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

const erasureSchema = z
  .object({
    contactId: uuid,
    requestedBy: z.string(),
    completedAt: z.string().datetime(),
    counts: z
      .object({
        messages: z.number().int(),
        conversations: z.number().int(),
        calls: z.number().int(),
        analyses: z.number().int(),
        outboundTexts: z.number().int(),
        bookings: z.number().int(),
        escalations: z.number().int(),
        agentStates: z.number().int(),
        webhookPayloads: z.number().int(),
        contact: z.enum(['deleted', 'suppression_kept', 'not_found']),
        crm: z.enum(['erased', 'not_found', 'not_configured', 'rejected', 'pending']).openapi({
          description:
            "The business's HubSpot: erased (GDPR-deleted, or already gone under the id we had stored), not_found (no id stored and the number matched no contact), not_configured (no HubSpot connection), rejected (HubSpot refused, e.g. a revoked token: erase it there by hand), pending (the CRM step has not finished yet)",
        }),
        crmWebhook: z.enum(['sent', 'not_configured', 'rejected', 'pending']).openapi({
          description: "The signed webhook's contact.erased event (our contact id, no number)",
        }),
      })
      .openapi('ContactErasureCounts'),
  })
  .openapi('ContactErasure');

export const followUpRoutes = [
  defineRoute({
    operationId: 'getContactErasure',
    method: 'get',
    path: '/tenants/{tenantId}/contacts/{contactId}/erasure',
    summary:
      "A contact's erasure record: what was removed from our database and whether the business's CRM copy was deleted",
    tag: 'contacts',
    access: 'tenant',
    params: withTenant({ contactId: uuid }),
    status: 200,
    response: erasureSchema,
    handler: async ({ db, params }) => {
      // The contact row is gone by now: the erasure's own record answers.
      const rec = orNotFound(
        await getContactErasure(db, params.tenantId, params.contactId),
        'erasure',
      );
      return {
        contactId: params.contactId,
        requestedBy: rec.requestedBy,
        completedAt: rec.completedAt.toISOString(),
        counts: {
          ...rec.counts,
          crm: rec.counts.crm ?? ('pending' as const),
          crmWebhook: rec.counts.crmWebhook ?? ('pending' as const),
        },
      };
    },
  }),
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
