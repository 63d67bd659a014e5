import { getTenant, type Db, type LimitKind, type Limits } from '@receptionist/db';
import { destinationAllowed, type Tenant } from '@receptionist/domain';
import type { SmsResult } from '@receptionist/integrations/sms';
import { maskPhone, type Logger } from '@receptionist/observability';

/** A text a limit kept from going out: nothing was sent or stored. */
export interface SmsRefused {
  status: 'skipped_limit';
  stored: 'skipped_limit';
  reason: LimitKind;
  messageId: null;
  providerSid: null;
}
export type SendResult = SmsResult | SmsRefused;

/** Texted once per window to a caller whose texts come faster than a person writes. */
export const SMS_SLOW_DOWN =
  "We're getting your messages faster than we can answer. Give us a minute, then text us again.";
/** Texted (once an hour) when the assistant's budget for the day is spent; the team is told. */
export const SMS_OVER_BUDGET =
  "Thanks for your message! Our assistant can't answer more texts today; someone from our team will text you back.";

/** The tenant's own staff numbers: the only numbers besides the caller's that are ever texted. */
export function staffNumbers(tenant: Tenant): Set<string> {
  const phones = new Set<string>();
  if (tenant.escalationPhone) phones.add(tenant.escalationPhone);
  for (const c of tenant.escalationContacts) if (c.phone) phones.add(c.phone);
  return phones;
}

/**
 * Whether a text may go out, in the order that costs nothing first: the destination's country,
 * the caller's texts this hour (staff alerts are not a caller's), then the tenant's texts today.
 * Each count is taken once per idempotency key, so a retried activity is not counted twice.
 */
export async function refuseSms(
  deps: { db: Db; logger: Logger; limits?: Limits },
  m: { tenantId: string; to: string; from: string; key: string; purpose: string },
): Promise<SmsRefused | null> {
  const limits = deps.limits;
  if (!limits) return null;
  const tenant = await getTenant(deps.db, m.tenantId);
  if (!tenant) return null;
  const { allowedCountries } = limits.of(tenant);
  let reason: LimitKind | null = null;
  if (!destinationAllowed(m.to, { allowedCountries, businessPhone: m.from })) {
    reason = 'country';
    limits.exceeded(tenant.id, 'country');
  } else if (
    m.purpose !== 'staff_escalation' &&
    !(await limits.allowContactSms(tenant, m.to, m.key))
  ) {
    reason = 'contact_sms';
  } else if (!(await limits.consumeSms(tenant, m.key))) {
    reason = 'sms';
  }
  if (!reason) return null;
  deps.logger.warn(
    { tenantId: m.tenantId, to: maskPhone(m.to), purpose: m.purpose, reason },
    'text not sent: over a limit',
  );
  return {
    status: 'skipped_limit',
    stored: 'skipped_limit',
    reason,
    messageId: null,
    providerSid: null,
  };
}
