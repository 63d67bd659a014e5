import {
  beginStaffNotification,
  callHandoffs,
  finishStaffNotification,
  getContact,
  getEscalation,
  getTenant,
  leadFollowUpState,
  conversationRowId,
  openEscalationsOfCall,
  openEscalationsOfConversation,
  type Db,
} from '@receptionist/db';
import {
  escalationContactOrder,
  outreachSettings,
  leadWorthFollowingUp,
  localDateOf,
  localTimeOf,
  textAllowedAt,
  weekdayOf,
  type CallOutcomeKind,
  type CallWorkflowInput,
  type Tenant,
} from '@receptionist/domain';
import type { Mailer } from '@receptionist/integrations/email';
import { maskPhone, type Logger } from '@receptionist/observability';
import { callerLanguage } from './channel.texts.ts';
import { followUpTexts } from './follow-up.texts.ts';

type SendSms = (m: {
  tenantId: string;
  to: string;
  from: string;
  body: string;
  key: string;
  purpose: string;
}) => Promise<{ status: string; stored: string }>;

export interface FollowUpActivityDeps {
  db: Db;
  logger: Logger;
  /** The channel's sendSms: opt-outs, the country allowlist and the per-tenant budgets apply. */
  sendSms: SendSms;
  mailer: Mailer;
}

/** A text that went out or was kept for a reason the workflow must hear. */
export interface FollowUpSendResult {
  sent: boolean;
  /** Why the follow-up is over: nothing more is sent. */
  stop?: 'booked' | 'opted_out' | 'resolved';
  /** Quiet hours in the contact's zone: try again at this ISO time. */
  retryAt?: string;
}

async function tenantOrThrow(db: Db, tenantId: string): Promise<Tenant> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) throw new Error('tenant not found');
  return tenant;
}

/** Whether the business is open now (its own hours, in its own zone). */
function openNow(tenant: Tenant, now: Date): boolean {
  const date = localDateOf(now, tenant.timezone);
  if (tenant.closedDates.includes(date)) return false;
  const time = localTimeOf(now, tenant.timezone);
  const day = tenant.businessHours[weekdayOf(date)] ?? [];
  return day.some((iv) => iv.open <= time && time < iv.close);
}

const sentOk = (r: { status: string; stored: string }) =>
  r.stored !== 'skipped_opted_out' && r.stored !== 'skipped_limit';

/**
 * The activities of the lead and escalation follow-ups. Each text carries a key derived from its
 * workflow and step, so a retried activity or a replayed workflow never texts twice; every
 * contact-facing text checks opt-out and quiet hours at send time, not when it was planned.
 */
export function createFollowUpActivities(deps: FollowUpActivityDeps) {
  const { db } = deps;
  return {
    /** What a call leaves to follow up: the lead, if it was one, and its open escalations. */
    async afterCallPlan(p: {
      input: CallWorkflowInput;
      outcome: CallOutcomeKind;
    }): Promise<{ lead: boolean; escalations: { id: string; raisedAt: string }[] }> {
      const { input } = p;
      const tenant = await tenantOrThrow(db, input.tenantId);
      const open = await openEscalationsOfCall(db, input.tenantId, input.callId);
      const escalations = open.map((e) => ({ id: e.id, raisedAt: e.createdAt.toISOString() }));
      if (p.outcome === 'booked' || p.outcome === 'missed' || open.length) {
        return { lead: false, escalations };
      }
      const made = await callHandoffs(db, input.tenantId, input.callId);
      const contact = await getContact(db, input.tenantId, input.contactId);
      const lead =
        !made.booked &&
        !made.escalated &&
        !!contact &&
        leadWorthFollowingUp(contact, outreachSettings(tenant.settings));
      return { lead, escalations };
    },

    async leadFollowUpPlan(tenantId: string): Promise<{ offsetsMs: number[] }> {
      const tenant = await tenantOrThrow(db, tenantId);
      return { offsetsMs: outreachSettings(tenant.settings).leadDays.map((d) => d * 86_400_000) };
    },

    /** One text of a lead's series, unless they booked or opted out since the series began. */
    async sendLeadFollowUp(f: {
      tenantId: string;
      contactId: string;
      businessPhone: string;
      language?: string;
      since: string;
      step: number;
      of: number;
      key: string;
    }): Promise<FollowUpSendResult> {
      const tenant = await tenantOrThrow(db, f.tenantId);
      const state = await leadFollowUpState(db, f.tenantId, f.contactId, new Date(f.since));
      if (!state.exists || state.optedOut) return { sent: false, stop: 'opted_out' };
      if (state.booked) return { sent: false, stop: 'booked' };
      const settings = outreachSettings(tenant.settings);
      const now = new Date();
      const allowed = textAllowedAt(now, state.timezone ?? tenant.timezone, settings.quietHours);
      if (allowed > now) return { sent: false, retryAt: allowed.toISOString() };
      const contact = (await getContact(db, f.tenantId, f.contactId))!;
      const say = followUpTexts(callerLanguage(tenant, f.language, contact.language));
      const r = await deps.sendSms({
        tenantId: f.tenantId,
        to: contact.phone,
        from: f.businessPhone,
        body: say.lead({ business: tenant.name, name: contact.name, step: f.step, of: f.of }),
        key: f.key,
        purpose: 'lead_follow_up',
      });
      if (r.stored === 'skipped_opted_out') return { sent: false, stop: 'opted_out' };
      return { sent: sentOk(r) };
    },

    /** The open escalations of an SMS thread, each to be followed up like a call's. */
    async smsEscalationsToFollow(m: {
      tenantId: string;
      conversationKey: string;
    }): Promise<{ id: string; raisedAt: string }[]> {
      const conversationId = conversationRowId(m.tenantId, m.conversationKey);
      const open = await openEscalationsOfConversation(db, m.tenantId, conversationId);
      return open.map((e) => ({ id: e.id, raisedAt: e.createdAt.toISOString() }));
    },

    async escalationFollowUpPlan(
      tenantId: string,
    ): Promise<{ reminderAfterMs: number; maxReminders: number }> {
      const s = outreachSettings((await tenantOrThrow(db, tenantId)).settings);
      return {
        reminderAfterMs: s.escalationReminderMinutes * 60_000,
        maxReminders: s.escalationMaxReminders,
      };
    },

    /** Tells a caller who left a message when to expect a call back: soon while open, else at opening. */
    async textCallerCallBack(f: {
      tenantId: string;
      escalationId: string;
      callerPhone: string;
      businessPhone: string;
      contactId?: string;
      language?: string;
    }): Promise<FollowUpSendResult> {
      const tenant = await tenantOrThrow(db, f.tenantId);
      const escalation = await getEscalation(db, f.tenantId, f.escalationId);
      if (!escalation || escalation.status === 'resolved') return { sent: false, stop: 'resolved' };
      // Only a caller who left a message was told the team would call back; after a transfer
      // nobody answered the line already said what happens next (and the after-call text went).
      // A texter asking for a person (kind transfer, no call) was transferred nowhere: they are
      // told, in their thread, when someone will get back to them.
      if (escalation.kind !== 'message' && escalation.callId !== null) return { sent: false };
      const now = new Date();
      const contact = f.contactId ? await getContact(db, f.tenantId, f.contactId) : null;
      const state = f.contactId ? await leadFollowUpState(db, f.tenantId, f.contactId, now) : null;
      if (contact?.optedOut) return { sent: false };
      const settings = outreachSettings(tenant.settings);
      const zone = state?.timezone ?? tenant.timezone;
      const allowed = textAllowedAt(now, zone, settings.quietHours);
      if (allowed > now) return { sent: false, retryAt: allowed.toISOString() };
      const say = followUpTexts(callerLanguage(tenant, f.language, contact?.language));
      const r = await deps.sendSms({
        tenantId: f.tenantId,
        to: f.callerPhone,
        from: f.businessPhone,
        body: say.callBack({
          business: tenant.name,
          withinMinutes: openNow(tenant, now) ? settings.callbackWithinMinutes : null,
          byText: escalation.callId === null,
        }),
        key: `escalation-follow-up:${f.escalationId}:caller`,
        purpose: 'escalation_call_back',
      });
      return { sent: sentOk(r) };
    },

    /**
     * Reminder n of an escalation still open, to the n-th staff contact in order (a text, and an
     * email when the contact has an address and a relay is set). Staff are reminded at any hour:
     * a caller is waiting on them.
     */
    async remindStaff(f: {
      tenantId: string;
      escalationId: string;
      callerPhone: string;
      businessPhone: string;
      step: number;
    }): Promise<FollowUpSendResult & { to: string | null }> {
      const tenant = await tenantOrThrow(db, f.tenantId);
      const escalation = await getEscalation(db, f.tenantId, f.escalationId);
      if (!escalation || escalation.status === 'resolved')
        return { sent: false, stop: 'resolved', to: null };
      const order = escalationContactOrder(tenant);
      if (!order.length) return { sent: false, to: null };
      const who = order[f.step % order.length]!;
      const minutes = Math.max(
        1,
        Math.round((Date.now() - escalation.createdAt.getTime()) / 60_000),
      );
      const text =
        `${tenant.name}: reminder, caller ${f.callerPhone} has waited ${minutes} min for a person and nobody has marked it resolved. ${escalation.summary}`.slice(
          0,
          600,
        );
      const key = `escalation-follow-up:${f.escalationId}:remind:${f.step}`;
      let sent = false;
      if (who.phone) {
        const r = await deps.sendSms({
          tenantId: f.tenantId,
          to: who.phone,
          from: f.businessPhone,
          body: text,
          key: `${key}:sms`,
          purpose: 'staff_escalation',
        });
        sent = sentOk(r);
      }
      if (who.email && deps.mailer.configured) {
        const emailKey = `${key}:email`;
        const record = await beginStaffNotification(db, f.tenantId, {
          key: emailKey,
          channel: 'email',
          target: who.email,
        });
        if (record.status !== 'sent') {
          const r = await deps.mailer.send({
            to: who.email,
            subject: `${tenant.name}: a caller is still waiting for a call back`,
            text,
            idempotencyKey: emailKey,
          });
          await finishStaffNotification(
            db,
            f.tenantId,
            record.id,
            r.status === 'sent' ? { sent: true } : { sent: false, error: 'email not delivered' },
          );
          sent = sent || r.status === 'sent';
        } else sent = true;
      }
      deps.logger.info(
        { tenantId: f.tenantId, caller: maskPhone(f.callerPhone), step: f.step, sent },
        'staff reminded of an open escalation',
      );
      return { sent, to: who.name };
    },
  };
}

export type FollowUpActivities = ReturnType<typeof createFollowUpActivities>;
