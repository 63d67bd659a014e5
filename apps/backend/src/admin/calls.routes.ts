import {
  callOutcomes,
  callTranscript,
  getCall,
  getCallAnalysis,
  searchCalls,
} from '@receptionist/db';
import { defineRoute, orNotFound } from './route-table.ts';
import {
  callDetailSchema,
  callSchema,
  e164,
  pageOf,
  pageQuery,
  tenantItem,
  tenantParams,
  z,
} from './schemas.ts';

const callQuery = pageQuery
  .extend({
    from: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Started at or after' }),
    to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Started before' }),
    outcome: z.enum(callOutcomes).optional(),
    number: e164.optional().openapi({ description: "Either party's number, E.164" }),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });

export const callRoutes = [
  defineRoute({
    operationId: 'listCalls',
    method: 'get',
    path: '/tenants/{tenantId}/calls',
    summary: 'List calls, newest first, filtered by date range, outcome and number',
    tag: 'calls',
    access: 'tenant',
    params: tenantParams,
    query: callQuery,
    status: 200,
    response: pageOf('Call', callSchema),
    handler: ({ db, params, query }) =>
      searchCalls(
        db,
        params.tenantId,
        {
          from: query.from ? new Date(query.from) : undefined,
          to: query.to ? new Date(query.to) : undefined,
          outcome: query.outcome,
          number: query.number,
        },
        query,
      ),
  }),
  defineRoute({
    operationId: 'getCall',
    method: 'get',
    path: '/tenants/{tenantId}/calls/{callId}',
    summary:
      'A call with its full transcript, per-turn agent, latency, tokens and cost, and its analysis',
    tag: 'calls',
    access: 'tenant',
    params: tenantItem('callId'),
    status: 200,
    response: callDetailSchema,
    handler: async ({ db, params }) => {
      const call = orNotFound(await getCall(db, params.tenantId, params.callId), 'call');
      return {
        ...call,
        transcript: await callTranscript(db, params.tenantId, call.id),
        analysis: await getCallAnalysis(db, params.tenantId, call.id),
      };
    },
  }),
];
