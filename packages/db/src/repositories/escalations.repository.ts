import type { Queryable } from '../pool.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';

export interface Escalation {
  id: string;
  tenantId: string;
  callId: string | null;
  conversationId: string | null;
  contactId: string | null;
  kind: 'transfer' | 'message';
  reason: string;
  summary: string;
  status: 'open' | 'resolved';
  resolvedAt: Date | null;
  resolvedBy: string | null;
  createdAt: Date;
}

const COLUMNS = `id, tenant_id, call_id, conversation_id, contact_id, kind, reason, summary, status, resolved_at,
  resolved_by, created_at`;

function mapEscalation(r: Record<string, unknown>): Escalation {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    callId: (r.call_id as string | null) ?? null,
    conversationId: (r.conversation_id as string | null) ?? null,
    contactId: (r.contact_id as string | null) ?? null,
    kind: r.kind as Escalation['kind'],
    reason: r.reason as string,
    summary: r.summary as string,
    status: r.status as Escalation['status'],
    resolvedAt: (r.resolved_at as Date | null) ?? null,
    resolvedBy: (r.resolved_by as string | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

export async function insertEscalation(
  db: Queryable,
  tenantId: string,
  e: {
    kind: Escalation['kind'];
    reason?: string;
    summary?: string;
    callId?: string | null;
    conversationId?: string | null;
    contactId?: string | null;
  },
): Promise<Escalation> {
  const { rows } = await db.query(
    `INSERT INTO escalations (tenant_id, kind, reason, summary, call_id, conversation_id, contact_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [
      tenantId,
      e.kind,
      e.reason ?? '',
      e.summary ?? '',
      e.callId ?? null,
      e.conversationId ?? null,
      e.contactId ?? null,
    ],
  );
  return mapEscalation(rows[0]);
}

export async function getEscalation(
  db: Queryable,
  tenantId: string,
  escalationId: string,
): Promise<Escalation | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM escalations WHERE tenant_id = $1 AND id = $2`,
    [tenantId, escalationId],
  );
  return rows[0] ? mapEscalation(rows[0]) : null;
}

export async function listEscalations(
  db: Queryable,
  tenantId: string,
  filter: { status?: Escalation['status'] },
  page: PageRequest,
): Promise<Page<Escalation>> {
  return listPage(
    db,
    { table: 'escalations', columns: COLUMNS, map: mapEscalation },
    tenantId,
    page,
    {
      status: filter.status || undefined,
    },
  );
}

/** Resolves an open escalation; an already resolved one is returned unchanged. */
export async function resolveEscalation(
  db: Queryable,
  tenantId: string,
  escalationId: string,
  resolvedBy: string,
): Promise<Escalation | null> {
  const { rows } = await db.query(
    `UPDATE escalations SET status = 'resolved', resolved_at = COALESCE(resolved_at, now()),
        resolved_by = COALESCE(resolved_by, $3)
      WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [tenantId, escalationId, resolvedBy],
  );
  return rows[0] ? mapEscalation(rows[0]) : null;
}
