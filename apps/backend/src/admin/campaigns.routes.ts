import {
  createOutboundCampaign,
  getOutboundCampaign,
  listOutboundTargets,
  type OutboundCampaign,
} from '@receptionist/db';
import { HttpError } from '@receptionist/observability';
import {
  DEFAULT_OUTBOUND_POLICY,
  type OutboundPolicy,
} from '@receptionist/booking-client/messages';
import { defineRoute, orNotFound, type HandlerContext } from './route-table.ts';
import { tenantItem, tenantParams, timestamp, uuid, z } from './schemas.ts';

const policyBody = z
  .strictObject({
    maxAttempts: z.number().int().min(1).max(5).optional(),
    retryDelayMinutes: z.number().int().min(1).max(10_080).optional(),
    numberSpacingSeconds: z.number().int().min(0).max(3_600).optional(),
    concurrency: z.number().int().min(1).max(10).optional(),
  })
  .openapi('OutboundPolicy');

const outcome = z.enum([
  'human',
  'voicemail',
  'no_answer',
  'busy',
  'failed',
  'opted_out',
  'no_consent',
  'over_budget',
  'cancelled',
]);
const campaignSchema = z
  .object({
    id: uuid,
    kind: z.enum(['campaign', 'callback']),
    purpose: z.enum(['reminder', 'reactivation', 'follow_up', 'callback']),
    status: z.enum(['running', 'completed', 'cancelled']),
    createdAt: timestamp,
    targets: z.array(
      z.object({
        id: uuid,
        contactId: uuid,
        status: z.enum(['pending', 'calling', 'done']),
        outcome: outcome.nullable(),
        attempts: z.number().int(),
      }),
    ),
  })
  .openapi('OutboundCampaign');

function policyOf(b: z.infer<typeof policyBody> | undefined): OutboundPolicy {
  const d = DEFAULT_OUTBOUND_POLICY;
  return {
    ...d,
    maxAttempts: b?.maxAttempts ?? d.maxAttempts,
    retryDelayMs: b?.retryDelayMinutes ? b.retryDelayMinutes * 60_000 : d.retryDelayMs,
    numberSpacingMs:
      b?.numberSpacingSeconds !== undefined ? b.numberSpacingSeconds * 1000 : d.numberSpacingMs,
    concurrency: b?.concurrency ?? d.concurrency,
  };
}

async function view(db: Parameters<typeof listOutboundTargets>[0], c: OutboundCampaign) {
  const targets = await listOutboundTargets(db, c.tenantId, c.id);
  return {
    id: c.id,
    kind: c.kind,
    purpose: c.purpose,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    targets: targets.map((t) => ({
      id: t.id,
      contactId: t.contactId,
      status: t.status,
      outcome: t.outcome,
      attempts: t.attempts,
    })),
  };
}

/**
 * Creates the rows and starts the workflow in the request's transaction: both or neither. Answers
 * what the API shows of the new campaign, audited as `action` (a campaign or a callback).
 */
async function launch(
  ctx: Pick<HandlerContext<unknown, unknown, unknown>, 'db' | 'deps' | 'audit'>,
  tenantId: string,
  c: { kind: OutboundCampaign['kind']; purpose: OutboundCampaign['purpose']; contactIds: string[] },
  policy: OutboundPolicy,
  action: 'campaign.start' | 'callback.start',
) {
  if (!ctx.deps.outboundCalls)
    throw new HttpError(503, 'outbound_unavailable', 'outbound calling is not configured');
  const made = await createOutboundCampaign(ctx.db, tenantId, { ...c, policy: { ...policy } });
  if (made.unknown.length > 0) {
    throw new HttpError(422, 'unknown_contacts', 'some contacts are not this business’s', [
      ...made.unknown.slice(0, 20).map((id) => ({
        path: 'contactIds',
        message: `unknown contact ${id}`,
        code: 'unknown_contact',
      })),
    ]);
  }
  if (!(await ctx.deps.outboundCalls.startCampaign(tenantId, made.campaign.id, policy)))
    throw new HttpError(503, 'outbound_unavailable', 'calls cannot be started right now');
  const after = await view(ctx.db, made.campaign);
  await ctx.audit({ action, resourceType: 'campaign', resourceId: made.campaign.id, after });
  return after;
}

export const campaignRoutes = [
  defineRoute({
    operationId: 'startCampaign',
    method: 'post',
    path: '/tenants/{tenantId}/campaigns',
    summary: 'Call a list of contacts (reminder, reactivation or follow-up)',
    tag: 'outbound',
    access: 'tenant',
    params: tenantParams,
    body: z
      .strictObject({
        purpose: z.enum(['reminder', 'reactivation', 'follow_up']),
        contactIds: z.array(uuid).min(1).max(500),
        policy: policyBody.optional(),
      })
      .openapi('CampaignStart'),
    status: 202,
    response: campaignSchema,
    errors: [422, 503],
    handler: ({ db, deps, params, body, audit }) =>
      launch(
        { db, deps, audit },
        params.tenantId,
        { kind: 'campaign', purpose: body.purpose, contactIds: body.contactIds },
        policyOf(body.policy),
        'campaign.start',
      ),
  }),
  defineRoute({
    operationId: 'requestCallback',
    method: 'post',
    path: '/tenants/{tenantId}/callbacks',
    summary: 'Call one contact back',
    tag: 'outbound',
    access: 'tenant',
    params: tenantParams,
    body: z
      .strictObject({ contactId: uuid, policy: policyBody.optional() })
      .openapi('CallbackRequest'),
    status: 202,
    response: campaignSchema,
    errors: [422, 503],
    handler: ({ db, deps, params, body, audit }) =>
      launch(
        { db, deps, audit },
        params.tenantId,
        { kind: 'callback', purpose: 'callback', contactIds: [body.contactId] },
        policyOf(body.policy),
        'callback.start',
      ),
  }),
  defineRoute({
    operationId: 'getCampaign',
    method: 'get',
    path: '/tenants/{tenantId}/campaigns/{campaignId}',
    summary: 'A campaign or callback with the outcome per contact',
    tag: 'outbound',
    access: 'tenant',
    params: tenantItem('campaignId'),
    status: 200,
    response: campaignSchema,
    handler: async ({ db, params }) => {
      const c = orNotFound(
        await getOutboundCampaign(db, params.tenantId, params.campaignId),
        'campaign',
      );
      return view(db, c);
    },
  }),
  defineRoute({
    operationId: 'cancelCampaign',
    method: 'post',
    path: '/tenants/{tenantId}/campaigns/{campaignId}/cancel',
    summary: 'Stop calling the contacts not yet called',
    tag: 'outbound',
    access: 'tenant',
    params: tenantItem('campaignId'),
    status: 202,
    response: campaignSchema,
    errors: [409, 503],
    handler: async ({ db, deps, params, audit }) => {
      const c = orNotFound(
        await getOutboundCampaign(db, params.tenantId, params.campaignId),
        'campaign',
      );
      if (c.status !== 'running')
        throw new HttpError(409, 'campaign_not_running', `the campaign is ${c.status}`);
      if (!(await deps.outboundCalls?.cancelCampaign(params.tenantId, c.id)))
        throw new HttpError(503, 'outbound_unavailable', 'the campaign cannot be reached now');
      const after = await view(db, c);
      await audit({ action: 'campaign.cancel', resourceType: 'campaign', resourceId: c.id, after });
      return after;
    },
  }),
];
