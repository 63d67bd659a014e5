/**
 * The outbound call workflows' side effects. Each is idempotent: a dial is a row claimed per
 * (target, attempt) before Twilio is asked and reused on retry, the voicemail is claimed per call,
 * the daily dial budget is counted once per dial key.
 */
import { ApplicationFailure } from '@temporalio/activity';
import {
  claimOutboundDial,
  claimVoicemail,
  finishOutboundTarget,
  getDialTarget,
  getTenantSenderNumber,
  listOutboundTargets,
  recordOutboundDialResult,
  reserveNumberSlot,
  setOutboundCampaignStatus,
  setOutboundDialCallSid,
  type Db,
  type Limits,
  type OutboundOutcome,
} from '@receptionist/db';
import { callingHoursOf, matchTenantLanguage, msUntilCallingHours } from '@receptionist/domain';
import type { OutboundVoice } from '@receptionist/integrations/voice';
import { maskPhone, type Logger } from '@receptionist/observability';
import { voicemailTwiml } from './outbound-call.texts.ts';

export interface OutboundCallActivityDeps {
  db: Db;
  logger: Logger;
  /** Twilio's Calls API; null without Twilio credentials (every dial then fails, not retried). */
  voice: OutboundVoice | null;
  /** The per-tenant daily dial budget; absent, not counted. */
  limits?: Pick<Limits, 'consumeDial'>;
  /** Where Twilio reaches the backend's webhooks (the backend's PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  now?: () => Date;
}

export type DialDecision =
  | { action: 'dial'; from: string }
  | { action: 'wait'; waitMs: number; reason: 'calling_hours' }
  | {
      action: 'skip';
      outcome: Extract<OutboundOutcome, 'opted_out' | 'no_consent' | 'over_budget' | 'failed'>;
    };

const notFound = () =>
  ApplicationFailure.nonRetryable('outbound target not found', 'OutboundTargetNotFound');

export function createOutboundCallActivities(deps: OutboundCallActivityDeps) {
  const now = deps.now ?? (() => new Date());
  const hook = (path: string, q: Record<string, string>) =>
    `${deps.publicBaseUrl.replace(/\/+$/, '')}/twilio/voice/outbound/${path}?${new URLSearchParams(q)}`;

  return {
    /** Consent, STOP, the contact's calling hours and the day's dial budget, in that order. */
    async prepareOutboundDial(i: {
      tenantId: string;
      targetId: string;
      attempt: number;
    }): Promise<DialDecision> {
      const t = await getDialTarget(deps.db, i.tenantId, i.targetId);
      if (!t) throw notFound();
      if (t.optedOut) return { action: 'skip', outcome: 'opted_out' };
      if (!t.consented) return { action: 'skip', outcome: 'no_consent' };
      const waitMs = msUntilCallingHours(now(), t.timezone, callingHoursOf(t.tenantSettings));
      if (waitMs > 0) return { action: 'wait', waitMs, reason: 'calling_hours' };
      const from = await getTenantSenderNumber(deps.db, i.tenantId);
      if (!from) return { action: 'skip', outcome: 'failed' };
      const key = `outbound:${i.targetId}:${i.attempt}`;
      if (deps.limits && !(await deps.limits.consumeDial(i.tenantId, key)))
        return { action: 'skip', outcome: 'over_budget' };
      return { action: 'dial', from };
    },

    /** Reserves this dial's turn on the calling number; the workflow waits what this returns. */
    async reserveCallingNumber(i: {
      tenantId: string;
      from: string;
      spacingMs: number;
    }): Promise<{ waitMs: number }> {
      return { waitMs: await reserveNumberSlot(deps.db, i.tenantId, i.from, i.spacingMs) };
    },

    async placeOutboundCall(i: {
      tenantId: string;
      targetId: string;
      attempt: number;
      from: string;
      workflowId: string;
    }): Promise<{ callSid: string } | { skipped: 'opted_out' }> {
      const t = await getDialTarget(deps.db, i.tenantId, i.targetId);
      if (!t) throw notFound();
      // A STOP that arrived while this dial waited for its turn still wins.
      if (t.optedOut) return { skipped: 'opted_out' };
      const dial = await claimOutboundDial(deps.db, i.tenantId, {
        targetId: i.targetId,
        attempt: i.attempt,
        fromNumber: i.from,
      });
      if (dial.callSid) return { callSid: dial.callSid };
      if (!deps.voice)
        throw ApplicationFailure.nonRetryable('Twilio is not configured', 'VoiceNotConfigured');
      const q = { tenant: i.tenantId, wf: i.workflowId };
      const callSid = await deps.voice.placeCall({
        from: i.from,
        to: t.phone,
        answerUrl: hook('answer', q),
        amdCallbackUrl: hook('amd', q),
        statusCallbackUrl: hook('status', q),
      });
      await setOutboundDialCallSid(deps.db, i.tenantId, dial.id, callSid);
      deps.logger.info(
        { to: maskPhone(t.phone), callSid, attempt: i.attempt, purpose: t.purpose },
        'outbound call placed',
      );
      return { callSid };
    },

    /** The tenant's voicemail message after the beep, once per call; then the call hangs up. */
    async leaveVoicemail(i: {
      tenantId: string;
      targetId: string;
      callSid: string;
    }): Promise<{ left: boolean }> {
      const t = await getDialTarget(deps.db, i.tenantId, i.targetId);
      if (!t) throw notFound();
      if (!deps.voice)
        throw ApplicationFailure.nonRetryable('Twilio is not configured', 'VoiceNotConfigured');
      const language =
        matchTenantLanguage(t.tenantLanguages, t.language) ?? t.tenantLanguages[0] ?? 'en-US';
      const twiml = voicemailTwiml({
        language,
        purpose: t.purpose,
        tenantName: t.tenantName,
        contactName: t.contactName,
        settings: t.tenantSettings,
      });
      // Claimed first: a retry after Twilio took the update does not say the message twice.
      if (!(await claimVoicemail(deps.db, i.tenantId, i.callSid))) return { left: false };
      try {
        await deps.voice.updateCall(i.callSid, twiml);
      } catch (err) {
        await deps.db.query(
          `UPDATE outbound_dials SET voicemail_left_at = NULL WHERE tenant_id = $1 AND call_sid = $2`,
          [i.tenantId, i.callSid],
        );
        throw err;
      }
      return { left: true };
    },

    async recordOutboundDialResult(i: {
      tenantId: string;
      callSid: string;
      answeredBy?: string;
      callStatus?: string;
    }): Promise<void> {
      await recordOutboundDialResult(deps.db, i.tenantId, i.callSid, i);
    },

    async finishOutboundTarget(i: {
      tenantId: string;
      targetId: string;
      outcome: OutboundOutcome;
    }): Promise<void> {
      await finishOutboundTarget(deps.db, i.tenantId, i.targetId, i.outcome);
    },

    async loadCampaignTargets(i: {
      tenantId: string;
      campaignId: string;
    }): Promise<{ targetIds: string[] }> {
      const targets = await listOutboundTargets(deps.db, i.tenantId, i.campaignId, {
        pendingOnly: true,
      });
      return { targetIds: targets.map((t) => t.id) };
    },

    async finishCampaign(i: {
      tenantId: string;
      campaignId: string;
      status: 'completed' | 'cancelled';
    }): Promise<void> {
      await setOutboundCampaignStatus(deps.db, i.tenantId, i.campaignId, i.status);
    },
  };
}

export type OutboundCallActivities = ReturnType<typeof createOutboundCallActivities>;
