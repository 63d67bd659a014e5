import type { Queryable } from '../pool.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';

export interface AuditEntry {
  id: string;
  tenantId: string | null;
  apiKeyId: string | null;
  actor: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

/** What a writer gives: the database numbers and dates the entry; before/after may be left out. */
export interface NewAuditEntry extends Omit<AuditEntry, 'id' | 'createdAt' | 'before' | 'after'> {
  before?: unknown;
  after?: unknown;
}

const COLUMNS =
  'id, tenant_id, api_key_id, actor, action, resource_type, resource_id, before, after, created_at';

function mapAudit(r: Record<string, unknown>): AuditEntry {
  return {
    id: r.id as string,
    tenantId: (r.tenant_id as string | null) ?? null,
    apiKeyId: (r.api_key_id as string | null) ?? null,
    actor: r.actor as string,
    action: r.action as string,
    resourceType: r.resource_type as string,
    resourceId: (r.resource_id as string | null) ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
    createdAt: r.created_at as Date,
  };
}

const AUDIT_TABLE = { table: 'audit_log', columns: COLUMNS, map: mapAudit };

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function insertAuditEntry(db: Queryable, e: NewAuditEntry): Promise<AuditEntry> {
  const { rows } = await db.query(
    `INSERT INTO audit_log (tenant_id, api_key_id, actor, action, resource_type, resource_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [
      e.tenantId,
      e.apiKeyId,
      e.actor,
      e.action,
      e.resourceType,
      e.resourceId,
      json(e.before),
      json(e.after),
    ],
  );
  return mapAudit(rows[0]);
}

/** One business's audit trail. */
export async function listAuditEntries(
  db: Queryable,
  tenantId: string,
  page: PageRequest,
): Promise<Page<AuditEntry>> {
  return listPage(db, AUDIT_TABLE, tenantId, page);
}

/** The platform's whole trail, for platform operators only (includes writes with no business). */
export async function listAllAuditEntries(
  db: Queryable,
  page: PageRequest,
): Promise<Page<AuditEntry>> {
  return listPage(db, AUDIT_TABLE, null, page);
}
