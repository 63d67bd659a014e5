import type { Queryable } from '../pool.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';

export const apiKeyRoles = ['admin', 'viewer'] as const;
export type ApiKeyRole = (typeof apiKeyRoles)[number];

export interface ApiKey {
  id: string;
  /** null: a platform key that may act on every business. */
  tenantId: string | null;
  name: string;
  prefix: string;
  role: ApiKeyRole;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** The stored key with its hash: only the authentication path ever reads the hash. */
export interface ApiKeyWithHash extends ApiKey {
  secretHash: string;
}

const COLUMNS = 'id, tenant_id, name, prefix, role, last_used_at, revoked_at, created_at';

export function mapApiKey(r: Record<string, unknown>): ApiKey {
  return {
    id: r.id as string,
    tenantId: (r.tenant_id as string | null) ?? null,
    name: r.name as string,
    prefix: r.prefix as string,
    role: r.role as ApiKeyRole,
    lastUsedAt: (r.last_used_at as Date | null) ?? null,
    revokedAt: (r.revoked_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

export async function insertApiKey(
  db: Queryable,
  k: {
    tenantId: string | null;
    name: string;
    prefix: string;
    secretHash: string;
    role: ApiKeyRole;
  },
): Promise<ApiKey> {
  const { rows } = await db.query(
    `INSERT INTO api_keys (tenant_id, name, prefix, secret_hash, role) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${COLUMNS}`,
    [k.tenantId, k.name, k.prefix, k.secretHash, k.role],
  );
  return mapApiKey(rows[0]);
}

/** Authentication lookup by the visible prefix; the caller compares the hash in constant time. */
export async function findApiKeyByPrefix(
  db: Queryable,
  prefix: string,
): Promise<ApiKeyWithHash | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS}, secret_hash FROM api_keys WHERE prefix = $1`,
    [prefix],
  );
  return rows[0] ? { ...mapApiKey(rows[0]), secretHash: rows[0].secret_hash as string } : null;
}

/** Records use at most once a minute per key so a busy key does not write on every request. */
export async function touchApiKey(db: Queryable, keyId: string): Promise<void> {
  await db.query(
    `UPDATE api_keys SET last_used_at = now()
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [keyId],
  );
}

/**
 * Keys visible to a caller: `tenantId` undefined lists every key (platform callers), a tenant
 * id lists only that business's keys.
 */
export async function listApiKeys(
  db: Queryable,
  scope: { tenantId: string | null },
  page: PageRequest,
): Promise<Page<ApiKey>> {
  return listPage(
    db,
    { table: 'api_keys', columns: COLUMNS, map: mapApiKey },
    scope.tenantId,
    page,
  );
}

export async function getApiKey(
  db: Queryable,
  scope: { tenantId: string | null },
  keyId: string,
): Promise<ApiKey | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM api_keys WHERE id = $1 AND ($2::uuid IS NULL OR tenant_id = $2::uuid)`,
    [keyId, scope.tenantId],
  );
  return rows[0] ? mapApiKey(rows[0]) : null;
}

export async function revokeApiKey(
  db: Queryable,
  scope: { tenantId: string | null },
  keyId: string,
): Promise<ApiKey | null> {
  const { rows } = await db.query(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now())
      WHERE id = $1 AND ($2::uuid IS NULL OR tenant_id = $2::uuid) RETURNING ${COLUMNS}`,
    [keyId, scope.tenantId],
  );
  return rows[0] ? mapApiKey(rows[0]) : null;
}
