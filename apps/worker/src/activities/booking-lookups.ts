// What every booking activity factory shares, so each file resolves ids to rows the same way.
import { ApplicationFailure } from '@temporalio/common';
import { getBookingRecord, type Db } from '@receptionist/db';
import { createTenantProfileCache, type TenantProfiles } from '@receptionist/db/tenant-profiles';
import type { Tenant } from '@receptionist/domain';
import type { Calendars } from '@receptionist/integrations/calendar';
import type { SmsSender } from '@receptionist/integrations/sms';
import type { StripeGateway } from '@receptionist/integrations/stripe';
import type { Logger } from '@receptionist/observability';

export interface BookingActivityDeps {
  db: Db;
  /** The process's tenant profile cache; absent, each activity reads the profile from Postgres. */
  tenants?: Pick<TenantProfiles, 'get'>;
  logger: Logger;
  calendars: Calendars;
  sms: SmsSender;
  /** Absent when the deployment has no Stripe key: deposits cannot be taken. */
  stripe: StripeGateway | null;
  /** Where Checkout sends the caller back to (success/cancel pages). */
  publicBaseUrl: string;
}

/** A missing tenant or booking will not appear on retry, hence non-retryable failures. */
export function bookingLookups({ db, tenants }: Pick<BookingActivityDeps, 'db' | 'tenants'>) {
  const profiles = tenants ?? createTenantProfileCache({ db });

  async function tenantOf(tenantId: string): Promise<Tenant> {
    const t = await profiles.get(tenantId);
    if (!t) throw ApplicationFailure.nonRetryable(`tenant ${tenantId} not found`, 'InvalidBooking');
    return t;
  }

  async function bookingOf(tenantId: string, bookingId: string) {
    const b = await getBookingRecord(db, tenantId, bookingId);
    if (!b)
      throw ApplicationFailure.nonRetryable(`booking ${bookingId} not found`, 'InvalidBooking');
    return b;
  }

  return { tenantOf, bookingOf };
}
