import type { FollowUpSettingsInput, Tenant, TenantLimitsInput } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';
import { mapTenant, TENANT_COLUMNS } from './tenants.repository.ts';

/** The business profile fields an operator may change; never id, slug or timestamps. */
export interface TenantProfilePatch {
  name?: string;
  timezone?: string;
  businessHours?: Tenant['businessHours'];
  closedDates?: string[];
  greeting?: string;
  persona?: string;
  languages?: string[];
  escalationPhone?: string | null;
  /** Written with the Slack webhook URL in clear; read back as { set: true }. */
  escalationContacts?: { name: string; phone?: string; email?: string; slackWebhookUrl?: string }[];
  depositRequired?: boolean;
  depositAmountMinor?: number;
  currency?: string;
  holdTimeoutMinutes?: number;
  refundFullUntilHours?: number;
  calendarProvider?: Tenant['calendarProvider'];
  calendarSettings?: Record<string, unknown>;
  voiceMode?: Tenant['voiceMode'];
  voice?: string;
  services?: Tenant['services'];
  /** Replaces settings.limits (validated and bounded by tenantLimitsSchema). */
  limits?: TenantLimitsInput;
  /** Replaces settings.followUps (no-shows, review requests, waitlist, quiet hours). */
  followUps?: FollowUpSettingsInput;
}

const PROFILE_COLUMNS: Record<
  keyof TenantProfilePatch,
  { column: string; json?: boolean; /** A key inside a jsonb column. */ key?: string }
> = {
  name: { column: 'name' },
  timezone: { column: 'timezone' },
  businessHours: { column: 'business_hours', json: true },
  closedDates: { column: 'closed_dates' },
  greeting: { column: 'greeting' },
  persona: { column: 'persona' },
  languages: { column: 'languages' },
  escalationPhone: { column: 'escalation_phone' },
  escalationContacts: { column: 'escalation_contacts', json: true },
  depositRequired: { column: 'deposit_required' },
  depositAmountMinor: { column: 'deposit_amount_minor' },
  currency: { column: 'currency' },
  holdTimeoutMinutes: { column: 'hold_timeout_minutes' },
  refundFullUntilHours: { column: 'refund_full_until_hours' },
  calendarProvider: { column: 'calendar_provider' },
  calendarSettings: { column: 'calendar_settings', json: true },
  voiceMode: { column: 'voice_mode' },
  voice: { column: 'voice' },
  services: { column: 'services', json: true },
  limits: { column: 'settings', json: true, key: 'limits' },
  followUps: { column: 'settings', json: true, key: 'followUps' },
};

/** Applies a profile patch; only the whitelisted columns above can ever be written. */
export async function updateTenantProfile(
  db: Queryable,
  tenantId: string,
  patch: TenantProfilePatch,
): Promise<Tenant | null> {
  const sets: string[] = [];
  const params: unknown[] = [tenantId];
  // Keys inside one JSON column (settings.limits, settings.followUps) nest into one assignment:
  // PostgreSQL refuses two assignments to the same column in one UPDATE.
  const nested = new Map<string, string>();
  for (const [key, value] of Object.entries(patch)) {
    const spec = PROFILE_COLUMNS[key as keyof TenantProfilePatch];
    if (!spec || value === undefined) continue;
    params.push(spec.json ? JSON.stringify(value) : value);
    if (spec.key) {
      const inner = nested.get(spec.column) ?? spec.column;
      nested.set(spec.column, `jsonb_set(${inner}, '{${spec.key}}', $${params.length}::jsonb)`);
    } else sets.push(`${spec.column} = $${params.length}`);
  }
  for (const [column, value] of nested) sets.push(`${column} = ${value}`);
  const { rows } = await db.query(
    `UPDATE tenants SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${TENANT_COLUMNS}`,
    params,
  );
  return rows[0] ? mapTenant(rows[0]) : null;
}

/** Every business (platform operators) or only `onlyTenantId` (a business's own key). */
export async function listTenants(
  db: Queryable,
  scope: { onlyTenantId: string | null },
  page: PageRequest,
): Promise<Page<Tenant>> {
  return listPage(db, { table: 'tenants', columns: TENANT_COLUMNS, map: mapTenant }, null, page, {
    id: scope.onlyTenantId || undefined,
  });
}

export async function tenantExists(db: Queryable, tenantId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
  return rows.length > 0;
}

export interface PhoneNumber {
  id: string;
  tenantId: string;
  e164: string;
  label: string;
  createdAt: Date;
}

const PHONE_NUMBER_COLUMNS = 'id, tenant_id, e164, label, created_at';

function mapPhoneNumber(r: Record<string, unknown>): PhoneNumber {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    e164: r.e164 as string,
    label: r.label as string,
    createdAt: r.created_at as Date,
  };
}

export class PhoneNumberTakenError extends Error {
  constructor() {
    super('the number is already assigned');
    this.name = 'PhoneNumberTakenError';
  }
}

export async function insertPhoneNumber(
  db: Queryable,
  tenantId: string,
  e164: string,
  label: string,
): Promise<PhoneNumber> {
  try {
    const { rows } = await db.query(
      `INSERT INTO phone_numbers (tenant_id, e164, label) VALUES ($1, $2, $3)
       RETURNING ${PHONE_NUMBER_COLUMNS}`,
      [tenantId, e164, label],
    );
    return mapPhoneNumber(rows[0]);
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new PhoneNumberTakenError();
    throw err;
  }
}

export async function listPhoneNumbers(
  db: Queryable,
  tenantId: string,
  page: PageRequest,
): Promise<Page<PhoneNumber>> {
  return listPage(
    db,
    { table: 'phone_numbers', columns: PHONE_NUMBER_COLUMNS, map: mapPhoneNumber },
    tenantId,
    page,
  );
}

export async function deletePhoneNumber(
  db: Queryable,
  tenantId: string,
  phoneNumberId: string,
): Promise<PhoneNumber | null> {
  const { rows } = await db.query(
    `DELETE FROM phone_numbers WHERE tenant_id = $1 AND id = $2 RETURNING ${PHONE_NUMBER_COLUMNS}`,
    [tenantId, phoneNumberId],
  );
  return rows[0] ? mapPhoneNumber(rows[0]) : null;
}
