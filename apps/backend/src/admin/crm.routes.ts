import { getCrmConnection, saveCrmConnection } from '@receptionist/db';
import { assertPublicUrl, UnsafeUrlError } from '@receptionist/integrations/outbound-url';
import { HttpError } from '@receptionist/observability';
import { crmBackfillWorkflowId } from '@receptionist/booking-client/messages';
import { defineRoute } from './route-table.ts';
import { tenantParams, z } from './schemas.ts';

const connectionSchema = z
  .object({
    hubspot: z.boolean().describe('a HubSpot token is stored (never answered)'),
    webhookUrl: z.string().nullable(),
    webhookSecret: z.boolean().describe('a signing secret is stored (never answered)'),
  })
  .openapi('CrmConnection');

const view = (c: Awaited<ReturnType<typeof getCrmConnection>>) => ({
  hubspot: !!c?.hubspotToken,
  webhookUrl: c?.webhookUrl ?? null,
  webhookSecret: !!c?.webhookSecret,
});

/** Any public https host: the URL is the business's own automation (Zapier, Make, n8n...). */
async function checkWebhookUrl(raw: string) {
  try {
    const host = new URL(raw).hostname.toLowerCase();
    await assertPublicUrl(raw, { hosts: [host], maxLength: 500 });
  } catch (err) {
    const message = err instanceof UnsafeUrlError ? err.message : 'not a URL';
    throw new HttpError(400, 'validation_failed', 'webhookUrl is not allowed', [
      { path: 'webhookUrl', message, code: 'unsafe_url' },
    ]);
  }
}

export const crmRoutes = [
  defineRoute({
    operationId: 'getCrmConnection',
    method: 'get',
    path: '/tenants/{tenantId}/crm',
    summary: 'The CRM connection (secrets only as set or not)',
    tag: 'crm',
    access: 'tenant',
    params: tenantParams,
    status: 200,
    response: connectionSchema,
    handler: async ({ db, params }) => view(await getCrmConnection(db, params.tenantId)),
  }),
  defineRoute({
    operationId: 'updateCrmConnection',
    method: 'patch',
    path: '/tenants/{tenantId}/crm',
    summary: 'Connect HubSpot and/or a signed webhook; the sync then runs on a schedule',
    tag: 'crm',
    access: 'tenant',
    params: tenantParams,
    body: z
      .strictObject({
        hubspotToken: z.string().trim().min(8).max(512).nullable().optional(),
        webhookUrl: z.string().trim().min(8).max(500).nullable().optional(),
        webhookSecret: z.string().min(16).max(256).nullable().optional(),
      })
      .openapi('CrmConnectionUpdate'),
    status: 200,
    response: connectionSchema,
    errors: [503],
    handler: async ({ db, deps, params, body, audit }) => {
      if (body.webhookUrl) await checkWebhookUrl(body.webhookUrl);
      const before = view(await getCrmConnection(db, params.tenantId));
      await saveCrmConnection(db, params.tenantId, body);
      const after = view(await getCrmConnection(db, params.tenantId));
      if (after.webhookUrl && !after.webhookSecret)
        throw new HttpError(400, 'validation_failed', 'a webhook needs a signing secret', [
          { path: 'webhookSecret', message: 'required with webhookUrl', code: 'required' },
        ]);
      const connected = after.hubspot || !!after.webhookUrl;
      if (!(await deps.crmSync?.schedule(params.tenantId, connected)))
        throw new HttpError(503, 'crm_sync_unavailable', 'the sync schedule cannot be saved now');
      await audit({
        action: 'crm.update',
        resourceType: 'crm',
        resourceId: params.tenantId,
        before,
        after,
      });
      return after;
    },
  }),
  defineRoute({
    operationId: 'backfillCrm',
    method: 'post',
    path: '/tenants/{tenantId}/crm/backfill',
    summary: 'Send every contact, ended call and booking to the CRM again (only what differs)',
    tag: 'crm',
    access: 'tenant',
    params: tenantParams,
    status: 202,
    response: z.object({ workflowId: z.string() }).openapi('CrmBackfill'),
    errors: [409, 503],
    handler: async ({ db, deps, params, audit }) => {
      const c = view(await getCrmConnection(db, params.tenantId));
      if (!c.hubspot && !c.webhookUrl)
        throw new HttpError(409, 'crm_not_connected', 'connect a CRM or a webhook first');
      const r = (await deps.crmSync?.backfill(params.tenantId)) ?? 'unavailable';
      if (r === 'running')
        throw new HttpError(409, 'backfill_running', 'a backfill is already running');
      if (r === 'unavailable')
        throw new HttpError(503, 'crm_sync_unavailable', 'the backfill cannot be started now');
      const workflowId = crmBackfillWorkflowId(params.tenantId);
      await audit({
        action: 'crm.backfill',
        resourceType: 'crm',
        resourceId: params.tenantId,
        after: { workflowId },
      });
      return { workflowId };
    },
  }),
];
