// How every after-appointment and waitlist text goes out: the contact's language, quiet hours in
// the contact's time zone, the tenant's budgets and opt-out, at most once per idempotency key.
import {
  getFollowUpContact,
  getTenantSenderNumber,
  type Db,
  type FollowUpContact,
  type Limits,
} from '@receptionist/db';
import {
  followUpSettings,
  isValidTimeZone,
  nextSendableTime,
  resolveLanguage,
  type Tenant,
} from '@receptionist/domain';
import type { SmsSender } from '@receptionist/integrations/sms';
import type { Logger } from '@receptionist/observability';
import { refuseSms, type SendResult } from './channel-limits.ts';

export interface FollowUpSenderDeps {
  db: Db;
  sms: SmsSender;
  logger: Logger;
  /** The tenant's daily and per-contact text budgets; absent (no Redis) nothing is counted. */
  limits?: Limits;
}

/** The zone quiet hours are read in: the contact's own when known and valid, else the tenant's. */
export function contactTimezone(tenant: Tenant, contact: Pick<FollowUpContact, 'timezone'> | null) {
  const tz = contact?.timezone;
  return tz && isValidTimeZone(tz) ? tz : tenant.timezone;
}

export function createFollowUpSender(deps: FollowUpSenderDeps) {
  return {
    contactOf: (tenantId: string, contactId: string | null) =>
      contactId ? getFollowUpContact(deps.db, tenantId, contactId) : Promise.resolve(null),

    /** Milliseconds until a text to this contact may go out (0 outside quiet hours). */
    quietWaitMs(
      tenant: Tenant,
      contact: Pick<FollowUpContact, 'timezone'> | null,
      now = new Date(),
    ) {
      const at = nextSendableTime(
        now,
        contactTimezone(tenant, contact),
        followUpSettings(tenant).quietHours,
      );
      return Math.max(0, at.getTime() - now.getTime());
    },

    language: (tenant: Tenant, contact: { language: string | null } | null, tag?: string | null) =>
      resolveLanguage(tenant.languages, tag ?? contact?.language),

    /** Sends unless a budget refuses it; the sender itself skips opted-out numbers. */
    async send(m: {
      tenant: Tenant;
      to: string;
      body: string;
      idempotencyKey: string;
      purpose: string;
    }): Promise<SendResult> {
      const from = (await getTenantSenderNumber(deps.db, m.tenant.id)) ?? m.to;
      const refused = await refuseSms(deps, {
        tenantId: m.tenant.id,
        to: m.to,
        from,
        key: m.idempotencyKey,
        purpose: m.purpose,
      });
      if (refused) return refused;
      return deps.sms.send({
        tenantId: m.tenant.id,
        to: m.to,
        body: m.body,
        idempotencyKey: m.idempotencyKey,
        purpose: m.purpose,
      });
    },
  };
}
