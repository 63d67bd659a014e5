/**
 * The follow-up workflows' public surface (lead follow-up, escalation follow-up, post-call
 * analysis): ids, inputs, signals and queries, shared by the workflows and by the processes that
 * signal them (the admin API). Re-exported by messages.ts, the one messages module.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';

/** One lead follow-up per contact at a time: a second call of the same lead joins the first. */
export const leadFollowUpWorkflowId = (tenantId: string, contactId: string) =>
  `lead-follow-up-${tenantId}-${contactId}`;
export const escalationFollowUpWorkflowId = (escalationId: string) =>
  `escalation-follow-up-${escalationId}`;
export const callAnalysisWorkflowId = (callSid: string) => `call-analysis-${callSid}`;

export interface LeadFollowUpInput {
  tenantId: string;
  contactId: string;
  /** The call the lead came from (its id), if any. */
  callId?: string;
  /** The tenant's number the texts go out from. */
  businessPhone: string;
  /** The conversation's language, one of the tenant's tags; else the contact's, else the default. */
  language?: string;
}

export type LeadFollowUpStop = 'booked' | 'opted_out' | 'taken_over' | 'done';

export interface LeadFollowUpView {
  tenantId: string;
  contactId: string;
  sent: number;
  planned: number;
  /** ISO time of the next text, null once stopped. */
  nextAt: string | null;
  stopped: LeadFollowUpStop | null;
}

export interface EscalationFollowUpInput {
  tenantId: string;
  escalationId: string;
  /** ISO time the escalation was raised: reminders count from it, not from this start. */
  raisedAt: string;
  callerPhone: string;
  businessPhone: string;
  contactId?: string;
  language?: string;
}

export interface EscalationFollowUpView {
  tenantId: string;
  escalationId: string;
  reminders: number;
  callerTexted: boolean;
  resolved: boolean;
  /** Who the last reminder went to (the contact's name). */
  lastReminded: string | null;
}

export interface CallAnalysisInput {
  tenantId: string;
  callId: string;
  callSid: string;
}

interface Addressed {
  /** Must match the workflow's tenant; anything else is ignored. */
  tenantId: string;
}
export interface LeadBooked extends Addressed {
  bookingId?: string;
}
export interface LeadTakenOver extends Addressed {
  by: string;
}
export interface EscalationResolved extends Addressed {
  by: string;
}

export const leadBookedSignal = defineSignal<[LeadBooked]>('leadBooked');
export const leadOptedOutSignal = defineSignal<[Addressed]>('leadOptedOut');
export const leadTakenOverSignal = defineSignal<[LeadTakenOver]>('leadTakenOver');
export const leadFollowUpStatusQuery = defineQuery<LeadFollowUpView>('leadFollowUpStatus');
export const escalationResolvedSignal = defineSignal<[EscalationResolved]>('escalationResolved');
export const escalationFollowUpStatusQuery = defineQuery<EscalationFollowUpView>(
  'escalationFollowUpStatus',
);

/** The Temporal Schedule of a business's daily or weekly report; its runs are named after it. */
export const reportScheduleId = (tenantId: string, period: 'daily' | 'weekly') =>
  `report-${tenantId}-${period}`;

export interface TenantReportInput {
  tenantId: string;
  period: 'daily' | 'weekly';
  /** ISO time the report is made at; absent, the run's start (tests pass one). */
  at?: string;
}

/** One erasure per contact: asking twice while it runs joins the first. */
export const contactErasureWorkflowId = (tenantId: string, contactId: string) =>
  `contact-erasure-${tenantId}-${contactId}`;

export interface ContactErasureInput {
  tenantId: string;
  contactId: string;
  requestedBy: string;
}

/** The Temporal Schedule of a business's daily retention sweep. */
export const retentionScheduleId = (tenantId: string) => `retention-${tenantId}`;

export interface RetentionInput {
  tenantId: string;
  /** Rows per batch (tests pass a few). */
  batchSize?: number;
  /** What earlier runs of this sweep removed (carried across continue-as-new). */
  removed?: Record<string, number>;
}
