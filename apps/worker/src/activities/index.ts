import type { CalendarMismatches } from '@receptionist/booking-client/messages';
import { createLimits, type Db, type Redis } from '@receptionist/db';
import type { TenantProfiles } from '@receptionist/db/tenant-profiles';
import type { Calendars } from '@receptionist/integrations/calendar';
import type { SmsSender } from '@receptionist/integrations/sms';
import type { StripeGateway } from '@receptionist/integrations/stripe';
import type { Logger } from '@receptionist/observability';
import { createBookingActivities } from './booking.activities.ts';
import { createChannelActivities, type ChannelActivityDeps } from './channel.activities.ts';
import { createCallAnalysisActivities } from './call-analysis.activities.ts';
import type { CallAnalyst } from './call-analysis.claude.ts';
import { createCalendarReconcileActivities } from './calendar-reconcile.activities.ts';
import { createCrmSyncActivities, type CrmSyncActivityDeps } from './crm-sync.activities.ts';
import {
  createKnowledgeIngestActivities,
  type KnowledgeIndexPort,
} from './knowledge-ingest.activities.ts';
import { createErasureActivities } from './erasure.activities.ts';
import { createFollowUpActivities } from './follow-up.activities.ts';
import { createFollowUpActivities as createOutreachActivities } from './follow-ups.activities.ts';
import {
  createOutboundCallActivities,
  type OutboundCallActivityDeps,
} from './outbound-call.activities.ts';
import { createReportActivities } from './report.activities.ts';
import { createRetentionActivities } from './retention.activities.ts';
import { createStaffNotifier } from './staff-notifier.ts';
import { createWaitlistActivities } from './waitlist.activities.ts';

export interface ActivityDeps {
  db: Db;
  redis?: Redis;
  /** The process's tenant profile cache (booking activities read through it); else Postgres. */
  tenants?: Pick<TenantProfiles, 'get'>;
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
  /** The external knowledge search index (Pinecone); absent, only the built-in search is fed. */
  knowledgeIndex?: KnowledgeIndexPort | null;
  /** Receives each calendar reconcile's mismatches (the worker's metric). */
  onReconciled?: (m: CalendarMismatches) => void;
  /** Claude for the post-call analysis; absent or null, the rules write it. */
  analyst?: CallAnalyst | null;
}

/** Activities are plain functions closed over their dependencies; workflows see their types only. */
export function createActivities(deps: ActivityDeps) {
  // Texts count against the tenant's budgets on the worker's Redis unless the caller brought its
  // own limits (with its metrics).
  const limits =
    deps.channel?.limits ??
    (deps.redis ? createLimits({ redis: deps.redis, db: deps.db }) : undefined);
  // One staff notifier for the escalations and the reports: its Slack breaker is one per process.
  const staff = deps.channel ? createStaffNotifier({ ...deps, ...deps.channel }) : null;
  const channel = deps.channel
    ? createChannelActivities({ ...deps, ...deps.channel, staff: staff ?? undefined, limits })
    : null;
  return {
    ...createBookingActivities(deps),
    ...createFollowUpActivities({ ...deps, limits }),
    ...createWaitlistActivities({ ...deps, limits }),
    ...(deps.outbound ? createOutboundCallActivities({ ...deps, ...deps.outbound }) : {}),
    ...(deps.crm ? createCrmSyncActivities({ ...deps, ...deps.crm }) : {}),
    ...createCalendarReconcileActivities({ ...deps, onReconciled: deps.onReconciled }),
    ...createKnowledgeIngestActivities(deps),
    ...(channel ?? {}),
    // The lead and escalation follow-ups text through the channel's sendSms: its opt-outs and
    // budgets apply.
    ...(channel && deps.channel
      ? createOutreachActivities({ ...deps, sendSms: channel.sendSms, mailer: deps.channel.mailer })
      : {}),
    ...createCallAnalysisActivities({ db: deps.db, analyst: deps.analyst ?? null }),
    // The erasure's CRM step uses the CRM sync's adapters; without them it records not_configured.
    ...createErasureActivities({
      db: deps.db,
      logger: deps.logger,
      crm: deps.crm ? { hubspot: deps.crm.hubspot, webhooks: deps.crm.webhooks } : undefined,
    }),
    ...createRetentionActivities(deps),
    ...(staff && deps.channel
      ? createReportActivities({ ...deps, mailer: deps.channel.mailer, staff })
      : {}),
  };
}

export type Activities = ReturnType<typeof createActivities>;
