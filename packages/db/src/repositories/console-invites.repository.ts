import type { Queryable } from '../pool.ts';
import type { ApiKeyRole } from './api-keys.repository.ts';

export interface ConsoleInvite {
  id: string;
  tenantId: string;
  name: string;
  role: ApiKeyRole;
  expiresAt: Date;
  redeemedAt: Date | null;
  apiKeyId: string | null;
  createdAt: Date;
}

const COLUMNS = 'id, tenant_id, name, role, expires_at, redeemed_at, api_key_id, created_at';

function mapInvite(r: Record<string, unknown>): ConsoleInvite {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    name: r.name as string,
    role: r.role as ApiKeyRole,
    expiresAt: r.expires_at as Date,
    redeemedAt: (r.redeemed_at as Date | null) ?? null,
    apiKeyId: (r.api_key_id as string | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

export async function insertConsoleInvite(
  db: Queryable,
  tenantId: string,
  i: { name: string; role: ApiKeyRole; tokenHash: string; expiresAt: Date },
): Promise<ConsoleInvite> {
  const { rows } = await db.query(
    `INSERT INTO console_invites (tenant_id, name, role, token_hash, expires_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [tenantId, i.name, i.role, i.tokenHash, i.expiresAt],
  );
  return mapInvite(rows[0]);
}

/**
 * Takes an invite for redemption: only an unexpired, unredeemed one, and only once even when two
 * requests race (the UPDATE's row lock decides). The caller links the key it mints afterwards.
 */
export async function claimConsoleInvite(
  db: Queryable,
  tokenHash: string,
): Promise<ConsoleInvite | null> {
  const { rows } = await db.query(
    `UPDATE console_invites SET redeemed_at = now()
      WHERE token_hash = $1 AND redeemed_at IS NULL AND expires_at > now()
      RETURNING ${COLUMNS}`,
    [tokenHash],
  );
  return rows[0] ? mapInvite(rows[0]) : null;
}

export async function linkConsoleInviteKey(
  db: Queryable,
  tenantId: string,
  inviteId: string,
  apiKeyId: string,
): Promise<void> {
  await db.query('UPDATE console_invites SET api_key_id = $3 WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    inviteId,
    apiKeyId,
  ]);
}
