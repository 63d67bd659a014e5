import { listContacts } from '@receptionist/db';
import { defineRoute } from './route-table.ts';
import { contactSchema, pageOf, pageQuery, tenantParams, z } from './schemas.ts';

export const contactRoutes = [
  defineRoute({
    operationId: 'listContacts',
    method: 'get',
    path: '/tenants/{tenantId}/contacts',
    summary: 'List contacts with their SMS opt-out state',
    tag: 'contacts',
    access: 'tenant',
    params: tenantParams,
    query: pageQuery.extend({
      optedOut: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: 'Only contacts who opted out (true) or did not (false)' }),
    }),
    status: 200,
    response: pageOf('Contact', contactSchema),
    handler: ({ db, params, query }) =>
      listContacts(
        db,
        params.tenantId,
        { optedOut: query.optedOut === undefined ? undefined : query.optedOut === 'true' },
        query,
      ),
  }),
];
