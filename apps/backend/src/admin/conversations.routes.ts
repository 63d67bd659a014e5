import { getSmsConversation, listSmsConversations } from '@receptionist/db';
import { defineRoute, orNotFound } from './route-table.ts';
import {
  pageOf,
  pageQuery,
  smsConversationDetailSchema,
  smsConversationSchema,
  tenantItem,
  tenantParams,
} from './schemas.ts';

export const conversationRoutes = [
  defineRoute({
    operationId: 'listSmsConversations',
    method: 'get',
    path: '/tenants/{tenantId}/sms-conversations',
    summary: 'List SMS conversations',
    tag: 'sms',
    access: 'tenant',
    params: tenantParams,
    query: pageQuery,
    status: 200,
    response: pageOf('SmsConversation', smsConversationSchema),
    handler: ({ db, params, query }) => listSmsConversations(db, params.tenantId, query),
  }),
  defineRoute({
    operationId: 'getSmsConversation',
    method: 'get',
    path: '/tenants/{tenantId}/sms-conversations/{conversationId}',
    summary: 'An SMS conversation with its messages',
    tag: 'sms',
    access: 'tenant',
    params: tenantItem('conversationId'),
    status: 200,
    response: smsConversationDetailSchema,
    handler: async ({ db, params }) => {
      return orNotFound(
        await getSmsConversation(db, params.tenantId, params.conversationId),
        'conversation',
      );
    },
  }),
];
