/**
 * The outbound call and campaign workflows' public surface: ids, inputs, signals and queries,
 * shared by the workflows, the Twilio webhooks that signal them and the admin API that starts them.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';

export const OUTBOUND_CALL_WORKFLOW = 'outboundCallWorkflow';
export const CAMPAIGN_WORKFLOW = 'campaignWorkflow';

/** One per campaign; starting it twice is a no-op. */
export const campaignWorkflowId = (campaignId: string) => `campaign-${campaignId}`;
/** One per contact of a campaign (a callback is a campaign of one). */
export const outboundCallWorkflowId = (targetId: string) => `outbound-call-${targetId}`;
export const OUTBOUND_CALL_WORKFLOW_ID = /^outbound-call-[0-9a-f-]{36}$/;

export interface OutboundPolicy {
  /** Dials per contact before giving up (no answer, busy, failed). */
  maxAttempts: number;
  /** Wait between two dials of one contact. */
  retryDelayMs: number;
  /** Minimum spacing between two calls leaving one of the business's numbers. */
  numberSpacingMs: number;
  /** Contacts of a campaign being called at once. */
  concurrency: number;
  /** No final status from Twilio for this long: the dial counts as failed. */
  callTimeoutMs: number;
}

export const DEFAULT_OUTBOUND_POLICY: OutboundPolicy = {
  maxAttempts: 3,
  retryDelayMs: 4 * 3_600_000,
  numberSpacingMs: 30_000,
  concurrency: 2,
  callTimeoutMs: 30 * 60_000,
};

export interface OutboundCallInput {
  tenantId: string;
  campaignId: string;
  targetId: string;
  policy: OutboundPolicy;
}

export interface CampaignInput {
  tenantId: string;
  campaignId: string;
  policy: OutboundPolicy;
}

/** Twilio's asynchronous answering-machine detection result for one call. */
export interface AmdResult {
  tenantId: string;
  callSid: string;
  /** human, machine_start, machine_end_beep, machine_end_silence, machine_end_other, fax, unknown */
  answeredBy: string;
}
/** The call's final status from Twilio's status callback. */
export interface DialStatus {
  tenantId: string;
  callSid: string;
  status: string;
}

export type OutboundCallPhase = 'checking' | 'waiting' | 'dialing' | 'in_call' | 'done';
export interface OutboundCallView {
  phase: OutboundCallPhase;
  attempt: number;
  outcome: string | null;
  /** ISO time the workflow waits until (calling hours, pacing or the retry delay). */
  waitingUntil: string | null;
}

export interface CampaignView {
  total: number;
  started: number;
  finished: number;
  cancelled: boolean;
  outcomes: Record<string, number>;
}

export const amdResultSignal = defineSignal<[AmdResult]>('amdResult');
export const dialStatusSignal = defineSignal<[DialStatus]>('dialStatus');
export const outboundCallQuery = defineQuery<OutboundCallView>('outboundCall');
export const cancelCampaignSignal = defineSignal<[{ tenantId: string }]>('cancelCampaign');
export const campaignProgressQuery = defineQuery<CampaignView>('campaignProgress');
