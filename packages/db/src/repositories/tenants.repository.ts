import type { Tenant } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';
import { redactCalendarSettings, redactEscalationContacts } from './tenant-secrets.repository.ts';

export const TENANT_COLUMNS = `id, slug, name, timezone, business_hours, closed_dates, greeting, persona, languages,
  escalation_phone, escalation_contacts, deposit_required, deposit_amount_minor, currency, hold_timeout_minutes,
  refund_full_until_hours, calendar_provider, calendar_settings, voice_mode, voice, services, settings, created_at, updated_at`;

type Row = Record<string, unknown>;

export function mapTenant(r: Row): Tenant {
  return {
    id: r.id as string,
    slug: r.slug as string,
    name: r.name as string,
    timezone: r.timezone as string,
    businessHours: r.business_hours as Tenant['businessHours'],
    closedDates: ((r.closed_dates as (string | Date)[]) ?? []).map((d) =>
      d instanceof Date ? d.toISOString().slice(0, 10) : d,
    ),
    greeting: r.greeting as string,
    persona: r.persona as string,
    languages: r.languages as string[],
    escalationPhone: (r.escalation_phone as string | null) ?? null,
    // Every read of a business profile goes through here (API answers, audit copies, the agent's
    // Redis cache): secrets leave as { set: true }; only tenant-secrets.repository reads them.
    escalationContacts: redactEscalationContacts(r.escalation_contacts),
    depositRequired: r.deposit_required as boolean,
    depositAmountMinor: r.deposit_amount_minor as number,
    currency: (r.currency as string).trim(),
    holdTimeoutMinutes: r.hold_timeout_minutes as number,
    refundFullUntilHours: r.refund_full_until_hours as number,
    calendarProvider: r.calendar_provider as Tenant['calendarProvider'],
    calendarSettings: redactCalendarSettings(r.calendar_settings),
    voiceMode: r.voice_mode as Tenant['voiceMode'],
    voice: r.voice as string,
    services: r.services as Tenant['services'],
    settings: r.settings as Record<string, unknown>,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

export async function getTenant(db: Queryable, tenantId: string): Promise<Tenant | null> {
  const { rows } = await db.query(`SELECT ${TENANT_COLUMNS} FROM tenants WHERE id = $1`, [
    tenantId,
  ]);
  return rows[0] ? mapTenant(rows[0]) : null;
}

/** The one lookup that is not tenant-scoped: the number a caller dialled is how we learn the tenant. */
export async function findTenantByPhoneNumber(db: Queryable, e164: string): Promise<Tenant | null> {
  const { rows } = await db.query(
    `SELECT ${TENANT_COLUMNS.split(',')
      .map((c) => `t.${c.trim()}`)
      .join(', ')}
       FROM phone_numbers p JOIN tenants t ON t.id = p.tenant_id WHERE p.e164 = $1`,
    [e164],
  );
  return rows[0] ? mapTenant(rows[0]) : null;
}

export interface NewTenant {
  slug: string;
  name: string;
  timezone?: string;
  businessHours?: Tenant['businessHours'];
  greeting?: string;
  persona?: string;
  languages?: string[];
  escalationPhone?: string | null;
  depositRequired?: boolean;
  depositAmountMinor?: number;
  currency?: string;
  services?: Tenant['services'];
  voiceMode?: Tenant['voiceMode'];
}

export async function createTenant(db: Queryable, t: NewTenant): Promise<Tenant> {
  const { rows } = await db.query(
    `INSERT INTO tenants (slug, name, timezone, business_hours, greeting, persona, languages, escalation_phone,
        deposit_required, deposit_amount_minor, currency, services, voice_mode)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     RETURNING ${TENANT_COLUMNS}`,
    [
      t.slug,
      t.name,
      t.timezone ?? 'UTC',
      JSON.stringify(t.businessHours ?? {}),
      t.greeting ?? '',
      t.persona ?? '',
      t.languages ?? ['en-US'],
      t.escalationPhone ?? null,
      t.depositRequired ?? false,
      t.depositAmountMinor ?? 0,
      t.currency ?? 'USD',
      JSON.stringify(t.services ?? []),
      t.voiceMode ?? 'gather',
    ],
  );
  return mapTenant(rows[0]);
}

export async function assignPhoneNumber(
  db: Queryable,
  tenantId: string,
  e164: string,
  label = '',
): Promise<void> {
  await db.query(`INSERT INTO phone_numbers (tenant_id, e164, label) VALUES ($1, $2, $3)`, [
    tenantId,
    e164,
    label,
  ]);
}
