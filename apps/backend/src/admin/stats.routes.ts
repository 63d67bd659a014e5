import { listAllAuditEntries, listAuditEntries, tenantStats } from '@receptionist/db';
import { defineRoute } from './route-table.ts';
import {
  auditEntrySchema,
  pageOf,
  pageQuery,
  periodQuery,
  statsSchema,
  tenantParams,
} from './schemas.ts';

const DAY = 86_400_000;

export const statsRoutes = [
  defineRoute({
    operationId: 'getStats',
    method: 'get',
    path: '/tenants/{tenantId}/stats',
    summary:
      'Calls, answered, booked, conversion, escalations, turn latency (avg, p95), tokens and estimated cost over a period (default: the last 30 days)',
    tag: 'stats',
    access: 'tenant',
    params: tenantParams,
    query: periodQuery,
    status: 200,
    response: statsSchema,
    handler: ({ db, params, query }) => {
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY);
      return tenantStats(db, params.tenantId, from, to);
    },
  }),
  defineRoute({
    operationId: 'listTenantAuditLog',
    method: 'get',
    path: '/tenants/{tenantId}/audit-log',
    summary: "The business's audit log: who changed what, when, before and after",
    tag: 'audit',
    access: 'tenant',
    params: tenantParams,
    query: pageQuery,
    status: 200,
    response: pageOf('AuditEntry', auditEntrySchema),
    handler: ({ db, params, query }) => listAuditEntries(db, params.tenantId, query),
  }),
  defineRoute({
    operationId: 'listAuditLog',
    method: 'get',
    path: '/audit-log',
    summary: "The platform's whole audit log",
    tag: 'audit',
    access: 'platform',
    query: pageQuery,
    status: 200,
    response: pageOf('AuditEntryAll', auditEntrySchema),
    handler: ({ db, query }) => listAllAuditEntries(db, query),
  }),
];
