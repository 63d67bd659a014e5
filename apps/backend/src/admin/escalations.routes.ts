import { getEscalation, listEscalations, resolveEscalation } from '@receptionist/db';
import { defineRoute, orNotFound } from './route-table.ts';
import { escalationSchema, pageOf, pageQuery, tenantItem, tenantParams, z } from './schemas.ts';

export const escalationRoutes = [
  defineRoute({
    operationId: 'listEscalations',
    method: 'get',
    path: '/tenants/{tenantId}/escalations',
    summary: 'List hand-overs to a human',
    tag: 'escalations',
    access: 'tenant',
    params: tenantParams,
    query: pageQuery.extend({ status: z.enum(['open', 'resolved']).optional() }),
    status: 200,
    response: pageOf('Escalation', escalationSchema),
    handler: ({ db, params, query }) =>
      listEscalations(db, params.tenantId, { status: query.status }, query),
  }),
  defineRoute({
    operationId: 'resolveEscalation',
    method: 'post',
    path: '/tenants/{tenantId}/escalations/{escalationId}/resolve',
    summary: 'Mark an escalation resolved',
    tag: 'escalations',
    access: 'tenant',
    params: tenantItem('escalationId'),
    body: z
      .strictObject({ resolvedBy: z.string().trim().min(1).max(120).optional() })
      .openapi('EscalationResolve'),
    status: 200,
    response: escalationSchema,
    handler: async ({ db, params, body, key, audit, deps }) => {
      const before = orNotFound(
        await getEscalation(db, params.tenantId, params.escalationId),
        'escalation',
      );
      const after = await resolveEscalation(
        db,
        params.tenantId,
        params.escalationId,
        body.resolvedBy ?? `api_key:${key.prefix}`,
      );
      await audit({
        action: 'escalation.resolve',
        resourceType: 'escalation',
        resourceId: params.escalationId,
        before,
        after,
      });
      // Its follow-up stops reminding; without the signal it stops at its next reminder.
      if (before.status === 'open')
        await deps.followUps?.escalationResolved(
          params.tenantId,
          params.escalationId,
          after?.resolvedBy ?? 'admin',
        );
      return after;
    },
  }),
];
