import type { SecretSet, Tenant } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';

/**
 * The write-only secrets of a business profile: the Cal.com API key and webhook secret (in
 * calendar_settings) and each escalation contact's Slack webhook URL. They stay in those columns,
 * but mapTenant answers them as { set: true }, so no API response, audit copy or cache of a
 * Tenant carries them; the few places that use a secret read it here, at the moment of use.
 */
export const SECRET_SET: SecretSet = Object.freeze({ set: true as const });

/** Keys of calendar_settings that are secrets. */
export const CALENDAR_SECRET_KEYS = ['apiKey', 'webhookSecret'] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function redactCalendarSettings(raw: unknown): Record<string, unknown> {
  if (!isObject(raw)) return {};
  const out = { ...raw };
  for (const k of CALENDAR_SECRET_KEYS) {
    if (out[k] === undefined || out[k] === null) delete out[k];
    else out[k] = SECRET_SET;
  }
  return out;
}

export function redactEscalationContacts(raw: unknown): Tenant['escalationContacts'] {
  if (!Array.isArray(raw)) return [];
  return raw.map((c: Record<string, unknown>) =>
    isObject(c) && c.slackWebhookUrl ? { ...c, slackWebhookUrl: SECRET_SET } : c,
  ) as Tenant['escalationContacts'];
}

export interface TenantSecrets {
  calcomApiKey: string | null;
  calcomWebhookSecret: string | null;
  /** The Cal.com event type this business owns (not a secret; the webhook checks it). */
  calcomEventTypeId: number | null;
  /** Escalation contacts in stored order, with their Slack webhook URL in clear. */
  contacts: { name: string; slackWebhookUrl: string | null }[];
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);

export async function getTenantSecrets(
  db: Queryable,
  tenantId: string,
): Promise<TenantSecrets | null> {
  const { rows } = await db.query(
    'SELECT calendar_settings, escalation_contacts FROM tenants WHERE id = $1',
    [tenantId],
  );
  const r = rows[0];
  if (!r) return null;
  const cal = isObject(r.calendar_settings) ? r.calendar_settings : {};
  const eventTypeId = Number(cal.eventTypeId);
  return {
    calcomApiKey: str(cal.apiKey),
    calcomWebhookSecret: str(cal.webhookSecret),
    calcomEventTypeId: Number.isSafeInteger(eventTypeId) && eventTypeId > 0 ? eventTypeId : null,
    contacts: (Array.isArray(r.escalation_contacts) ? r.escalation_contacts : [])
      .filter(isObject)
      .map((c: Record<string, unknown>) => ({
        name: typeof c.name === 'string' ? c.name : '',
        slackWebhookUrl: str(c.slackWebhookUrl),
      })),
  };
}

/** The unique index that makes a Cal.com event type belong to one business. */
export const EVENT_TYPE_CONSTRAINT = 'tenants_calcom_event_type_key';

export const isEventTypeTaken = (err: unknown) =>
  (err as { code?: string; constraint?: string }).code === '23505' &&
  (err as { constraint?: string }).constraint === EVENT_TYPE_CONSTRAINT;

/**
 * The business a booking belongs to, by the booking id alone: only for the public payment pages
 * Stripe sends a payer back to, which show the business's name and nothing about the booking.
 */
export async function tenantNameForBooking(
  db: Queryable,
  bookingId: string,
): Promise<string | null> {
  const { rows } = await db.query(
    'SELECT t.name FROM bookings b JOIN tenants t ON t.id = b.tenant_id WHERE b.id = $1',
    [bookingId],
  );
  return (rows[0]?.name as string | undefined) ?? null;
}
