import { boundLeadCustom } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';

export interface Contact {
  id: string;
  tenantId: string;
  phone: string;
  name: string | null;
  email: string | null;
  qualification: Record<string, unknown>;
  leadScore: number | null;
  optedOut: boolean;
  optedOutAt: Date | null;
  /** The tenant language tag the caller last booked in; null: the tenant's default. */
  language: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS =
  'id, tenant_id, phone, name, email, qualification, lead_score, opted_out, opted_out_at, language, created_at, updated_at';

export function mapContact(r: Record<string, unknown>): Contact {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    phone: r.phone as string,
    name: (r.name as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    qualification: r.qualification as Record<string, unknown>,
    leadScore: (r.lead_score as number | null) ?? null,
    optedOut: r.opted_out as boolean,
    optedOutAt: (r.opted_out_at as Date | null) ?? null,
    language: (r.language as string | null | undefined) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

/** Finds or creates the contact for a caller's number; concurrent first calls converge on one row. */
export async function upsertContactByPhone(
  db: Queryable,
  tenantId: string,
  phone: string,
): Promise<Contact> {
  const { rows } = await db.query(
    `INSERT INTO contacts (tenant_id, phone) VALUES ($1, $2)
     ON CONFLICT (tenant_id, phone) DO UPDATE SET updated_at = contacts.updated_at
     RETURNING ${COLUMNS}`,
    [tenantId, phone],
  );
  return mapContact(rows[0]);
}

export async function getContact(
  db: Queryable,
  tenantId: string,
  contactId: string,
): Promise<Contact | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM contacts WHERE tenant_id = $1 AND id = $2`,
    [tenantId, contactId],
  );
  return rows[0] ? mapContact(rows[0]) : null;
}

export async function getContactByPhone(
  db: Queryable,
  tenantId: string,
  phone: string,
): Promise<Contact | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM contacts WHERE tenant_id = $1 AND phone = $2`,
    [tenantId, phone],
  );
  return rows[0] ? mapContact(rows[0]) : null;
}

export async function setContactOptOut(
  db: Queryable,
  tenantId: string,
  phone: string,
  optedOut: boolean,
): Promise<Contact> {
  const { rows } = await db.query(
    `INSERT INTO contacts (tenant_id, phone, opted_out, opted_out_at) VALUES ($1, $2, $3, CASE WHEN $3 THEN now() END)
     ON CONFLICT (tenant_id, phone) DO UPDATE
       SET opted_out = EXCLUDED.opted_out, opted_out_at = EXCLUDED.opted_out_at, updated_at = now()
     RETURNING ${COLUMNS}`,
    [tenantId, phone, optedOut],
  );
  return mapContact(rows[0]);
}

/**
 * Qualification as stored: `custom` (fields a model may make up on a call) is capped in count and
 * size, so a caller cannot fill a contact row with whatever they say.
 */
function boundQualification(q: Record<string, unknown>): Record<string, unknown> {
  if (!('custom' in q)) return q;
  const custom = boundLeadCustom(q.custom);
  const { custom: _raw, ...rest } = q;
  return custom ? { ...rest, custom } : rest;
}

export async function updateContactDetails(
  db: Queryable,
  tenantId: string,
  contactId: string,
  fields: {
    name?: string | null;
    email?: string | null;
    qualification?: Record<string, unknown>;
    leadScore?: number | null;
  },
): Promise<Contact | null> {
  const { rows } = await db.query(
    `UPDATE contacts SET
        name = COALESCE($3, name),
        email = COALESCE($4, email),
        qualification = qualification || COALESCE($5::jsonb, '{}'::jsonb),
        lead_score = COALESCE($6, lead_score),
        updated_at = now()
      WHERE tenant_id = $1 AND id = $2
      RETURNING ${COLUMNS}`,
    [
      tenantId,
      contactId,
      fields.name ?? null,
      fields.email ?? null,
      fields.qualification ? JSON.stringify(boundQualification(fields.qualification)) : null,
      fields.leadScore ?? null,
    ],
  );
  return rows[0] ? mapContact(rows[0]) : null;
}

/** The booking path is the one writer: the language the caller booked in, for the texts after. */
export async function setContactLanguage(
  db: Queryable,
  tenantId: string,
  contactId: string,
  language: string,
): Promise<void> {
  await db.query(
    `UPDATE contacts SET language = $3, updated_at = now()
      WHERE tenant_id = $1 AND id = $2 AND language IS DISTINCT FROM $3`,
    [tenantId, contactId, language],
  );
}
