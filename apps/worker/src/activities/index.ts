import type { CalendarMismatches } from '@receptionist/booking-client/messages';
import { createLimits, type Db, type Redis } from '@receptionist/db';
import type { Calendars } from '@receptionist/integrations/calendar';
import type { SmsSender } from '@receptionist/integrations/sms';
import type { StripeGateway } from '@receptionist/integrations/stripe';
import type { Logger } from '@receptionist/observability';
import { createBookingActivities } from './booking.activities.ts';
import { createChannelActivities, type ChannelActivityDeps } from './channel.activities.ts';
import { createFollowUpActivities } from './follow-up.activities.ts';
import { createWaitlistActivities } from './waitlist.activities.ts';
import { createCalendarReconcileActivities } from './calendar-reconcile.activities.ts';
import { createCrmSyncActivities, type CrmSyncActivityDeps } from './crm-sync.activities.ts';
import {
  createOutboundCallActivities,
  type OutboundCallActivityDeps,
} from './outbound-call.activities.ts';

export interface ActivityDeps {
  db: Db;
  redis?: Redis;
  logger: Logger;
  calendars: Calendars;
  sms: SmsSender;
  stripe: StripeGateway | null;
  publicBaseUrl: string;
  /** The Twilio channel's sender, agent client and breakers (call and SMS workflows). */
  channel?: Omit<ChannelActivityDeps, 'db' | 'logger'>;
  /** Outbound calls and campaigns (Twilio's Calls API). */
  outbound?: Omit<OutboundCallActivityDeps, 'db' | 'logger'>;
  /** The CRM sync's HubSpot adapter and signed webhook sender. */
  crm?: Omit<CrmSyncActivityDeps, 'db' | 'logger'>;
  /** Receives each calendar reconcile's mismatches (the worker's metric). */
  onReconciled?: (m: CalendarMismatches) => void;
}

/** Activities are plain functions closed over their dependencies; workflows see their types only. */
export function createActivities(deps: ActivityDeps) {
  // Follow-up texts count against the tenant's budgets like the channel's.
  const limits =
    deps.channel?.limits ??
    (deps.redis ? createLimits({ redis: deps.redis, db: deps.db }) : undefined);
  return {
    ...createBookingActivities(deps),
    ...createFollowUpActivities({ ...deps, limits }),
    ...createWaitlistActivities({ ...deps, limits }),
    ...(deps.outbound ? createOutboundCallActivities({ ...deps, ...deps.outbound }) : {}),
    ...(deps.crm ? createCrmSyncActivities({ ...deps, ...deps.crm }) : {}),
    ...createCalendarReconcileActivities({ ...deps, onReconciled: deps.onReconciled }),
    ...(deps.channel
      ? createChannelActivities({
          ...deps,
          ...deps.channel,
          // Counted on the worker's Redis unless the caller brought its own (with its metrics).
          limits:
            deps.channel.limits ??
            (deps.redis ? createLimits({ redis: deps.redis, db: deps.db }) : undefined),
        })
      : {}),
  };
}

export type Activities = ReturnType<typeof createActivities>;
