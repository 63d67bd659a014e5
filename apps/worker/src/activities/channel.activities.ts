import {
  appendMessage,
  conversationRowId,
  createEscalation,
  ensureConversationRow,
  getContact,
  getTenant,
  listCallMessages,
  setCallOutcome,
  withTransaction,
  type Db,
  type Limits,
} from '@receptionist/db';
import {
  decideCallOutcome,
  turnMessageSids,
  type CallEndedSignal,
  type CallEvent,
  type CallOutcomeKind,
  type CallWorkflowInput,
  type SmsInbound,
  type Tenant,
} from '@receptionist/domain';
import type { AgentClient } from '@receptionist/integrations/agent';
import type { BreakerFactory } from '@receptionist/integrations/breaker';
import type { Mailer } from '@receptionist/integrations/email';
import type { SmsSender } from '@receptionist/integrations/sms';
import type { Logger } from '@receptionist/observability';
import { maskPhone } from '@receptionist/observability';
import { createCallFollowUpActivities } from './call-follow-up.activities.ts';
import { callerLanguage, channelTexts } from './channel.texts.ts';
import {
  refuseSms,
  SMS_OVER_BUDGET,
  SMS_SLOW_DOWN,
  staffNumbers,
  type SendResult,
} from './channel-limits.ts';
import { createStaffNotifier, type StaffNotifier } from './staff-notifier.ts';

export interface ChannelActivityDeps {
  db: Db;
  logger: Logger;
  sender: SmsSender;
  /** Staff emails; without an SMTP relay it sends nothing and escalations go by SMS and Slack. */
  mailer: Mailer;
  agent: AgentClient;
  breakers: BreakerFactory;
  slackTimeoutMs?: number;
  /** Budgets, rates and the country allowlist; absent (unit rigs without Redis), none apply. */
  limits?: Limits;
  /** SLACK_WEBHOOK_BASE_URL (see StaffNotifierDeps). */
  slackBaseUrl?: string;
  /** One notifier per process (its Slack breaker is named); made here when not given. */
  staff?: StaffNotifier;
}

async function tenantOrThrow(db: Db, tenantId: string): Promise<Tenant> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) throw new Error('tenant not found');
  return tenant;
}

function last4(phone: string): string {
  return phone.slice(-4);
}

/** The activities of the call and SMS workflows: every side effect of the channel lives here. */
export function createChannelActivities(deps: ChannelActivityDeps) {
  const staff = deps.staff ?? createStaffNotifier(deps);

  /** A texter's language: the one they last booked in, else the tenant's first. */
  async function texterLanguage(tenant: Tenant, contactId: string): Promise<string> {
    const contact = await getContact(deps.db, tenant.id, contactId);
    return callerLanguage(tenant, contact?.language);
  }

  /** What a texter is told when the assistant could not answer: in their language. */
  async function fallbackText(m: SmsInbound): Promise<string> {
    const tenant = await tenantOrThrow(deps.db, m.tenantId);
    return channelTexts(await texterLanguage(tenant, m.contactId)).smsFallback;
  }

  /**
   * A text the agent service never answered: it stores the turns it answers, the channel this
   * one, with the escalation for the team in the same transaction. The reply row's key makes a
   * retried activity store neither twice. (Should the agent's own late answer have taken that
   * key first, the staff are still told below; only the row is not doubled.)
   */
  async function recordUnansweredText(
    m: SmsInbound,
    conversationId: string,
    summary: string,
    fallback: string,
    startedAt: number,
  ): Promise<void> {
    await ensureConversationRow(deps.db, m.tenantId, {
      id: conversationId,
      contactId: m.contactId,
      channel: 'sms',
    });
    const base = { conversationId, channel: 'sms' as const };
    // Its own statement: rows of one transaction share a timestamp, and the transcript is read
    // in time order, the caller's words before the reply.
    await appendMessage(deps.db, m.tenantId, {
      ...base,
      role: 'caller',
      text: m.body,
      providerSid: turnMessageSids(m.messageSid).caller,
    });
    await withTransaction(deps.db, async (tx) => {
      const stored = await appendMessage(tx, m.tenantId, {
        ...base,
        role: 'agent',
        text: fallback,
        providerSid: turnMessageSids(m.messageSid).reply,
        latencyMs: Math.round(performance.now() - startedAt),
      });
      if (stored.created)
        await createEscalation(tx, m.tenantId, {
          kind: 'message',
          conversationId,
          contactId: m.contactId,
          reason: 'text the assistant could not answer',
          summary,
        });
    });
  }

  /**
   * A text a limit keeps from the agent: too fast a texter gets one notice a minute; over the
   * day's model budget the texter is told (once an hour) the team will answer, and the team is
   * told. Undefined: the agent may answer.
   */
  async function limitedText(
    tenant: Tenant,
    m: SmsInbound,
  ): Promise<SendResult | null | undefined> {
    const limits = deps.limits;
    if (!limits) return undefined;
    const reply = (body: string) =>
      activities.sendSms({
        tenantId: m.tenantId,
        to: m.from,
        from: m.to,
        body,
        key: `limit:${m.messageSid}`,
        purpose: 'reply',
      });
    if (!(await limits.allowTurn(tenant, m.from)))
      return (await limits.claimOnce(tenant, 'sms-slow-down', m.from, 60))
        ? reply(SMS_SLOW_DOWN)
        : null;
    if ((await limits.checkModelBudget(tenant)).ok) return undefined;
    await activities.escalate({
      tenantId: m.tenantId,
      kind: 'message',
      callerPhone: m.from,
      businessPhone: m.to,
      summary: `They texted: "${m.body.slice(0, 300)}". The assistant's budget for today is spent.`,
      conversationId: conversationRowId(m.tenantId, m.conversationKey),
      contactId: m.contactId,
      key: `${m.messageSid}:escalation`,
      recorded: false,
    });
    return (await limits.claimOnce(tenant, 'sms-over-budget', m.from, 3_600))
      ? reply(SMS_OVER_BUDGET)
      : null;
  }

  const activities = {
    async sendSms(m: {
      tenantId: string;
      to: string;
      from: string;
      body: string;
      key: string;
      purpose: string;
    }): Promise<SendResult> {
      const refused = await refuseSms(deps, m);
      if (refused) return refused;
      return deps.sender.send({
        tenantId: m.tenantId,
        to: m.to,
        from: m.from,
        body: m.body,
        idempotencyKey: m.key,
        purpose: m.purpose,
      });
    },

    /** One SMS turn: the same agent graph as the phone, channel sms, same conversation. */
    async smsReply(m: SmsInbound): Promise<SendResult | null> {
      const startedAt = performance.now();
      const tenant = await tenantOrThrow(deps.db, m.tenantId);
      const limited = await limitedText(tenant, m);
      if (limited !== undefined) return limited;
      const res = await deps.agent.turn({
        tenantId: m.tenantId,
        conversationId: m.conversationKey,
        channel: 'sms',
        text: m.body,
        callerPhone: m.from,
        // A text is carrier-routed to and from the number: its sender owns it.
        callerVerified: true,
        // A retried activity asks again with the same id: the agent answers it once.
        turnId: m.messageSid,
      });
      if (res)
        await deps.limits?.recordModelUsage(tenant, {
          tokens: res.usage.inputTokens + res.usage.outputTokens,
          costMicroUsd: res.usage.costMicroUsd,
        });
      const reply = res?.reply ?? (await fallbackText(m));
      const conversationId = conversationRowId(m.tenantId, m.conversationKey);
      if (!res) {
        // The caller is promised a text from the team (a booking that failed, the agent down):
        // the escalation row and the staff alert make that promise true.
        const summary = `They texted: "${m.body.slice(0, 300)}". Our assistant could not answer and told them someone from the team will text back.`;
        await recordUnansweredText(m, conversationId, summary, reply, startedAt);
        await activities.escalate({
          tenantId: m.tenantId,
          kind: 'message',
          callerPhone: m.from,
          businessPhone: m.to,
          summary,
          conversationId,
          contactId: m.contactId,
          key: `${m.messageSid}:escalation`,
          // Stored above with the turn; a retry only completes what reached the staff.
          recorded: true,
        });
      }
      for (const action of res?.actions ?? []) {
        if (action.type === 'transfer' || action.type === 'take_message') {
          await activities.escalate({
            tenantId: m.tenantId,
            kind: action.type === 'transfer' ? 'transfer' : 'message',
            callerPhone: m.from,
            businessPhone: m.to,
            summary: action.summary,
            conversationId,
            contactId: m.contactId,
            key: `${m.messageSid}:escalation`,
            recorded: true,
          });
        } else if (
          action.type === 'send_sms' &&
          action.to !== m.from &&
          // Besides the texter, only the tenant's own staff are ever texted.
          staffNumbers(tenant).has(action.to)
        ) {
          await activities.sendSms({
            tenantId: m.tenantId,
            to: action.to,
            from: m.to,
            body: action.body,
            key: `${m.messageSid}:sms:${action.to}`,
            purpose: 'agent',
          });
        }
      }
      return activities.sendSms({
        tenantId: m.tenantId,
        to: m.from,
        from: m.to,
        body: reply,
        key: `reply:${m.messageSid}`,
        purpose: 'reply',
      });
    },

    /** START and HELP get the carrier-required answer; STOP is answered by the carrier itself. */
    async smsKeywordReply(m: SmsInbound): Promise<SendResult | null> {
      if (m.keyword !== 'start' && m.keyword !== 'help') return null;
      const tenant = await tenantOrThrow(deps.db, m.tenantId);
      const say = channelTexts(await texterLanguage(tenant, m.contactId));
      const body =
        m.keyword === 'start' ? say.keywordStart(tenant.name) : say.keywordHelp(tenant.name);
      return activities.sendSms({
        tenantId: m.tenantId,
        to: m.from,
        from: m.to,
        body,
        key: `keyword:${m.messageSid}`,
        purpose: `keyword_${m.keyword}`,
      });
    },

    /** Records the escalation and tells the tenant's staff who needs them and why. */
    async escalate(e: {
      tenantId: string;
      kind: 'transfer' | 'message';
      callerPhone: string;
      businessPhone: string;
      summary: string;
      key: string;
      callId?: string;
      conversationId?: string;
      contactId?: string;
      /** The agent service already stored the escalation row: only tell the staff. */
      recorded: boolean;
    }): Promise<{ notified: number }> {
      const tenant = await tenantOrThrow(deps.db, e.tenantId);
      // One staff alert per caller and kind per window: "a person, please" again is kept, not
      // re-sent to every staff number. A retry of the alert that holds the window goes through.
      const first =
        (await deps.limits?.claimEscalation(tenant, e.callerPhone, e.key, e.kind)) ?? true;
      if (!e.recorded) {
        await createEscalation(deps.db, e.tenantId, {
          kind: e.kind,
          callId: e.callId ?? null,
          conversationId: e.conversationId ?? null,
          contactId: e.contactId ?? null,
          reason: e.kind === 'transfer' ? 'caller could not be helped' : 'message for the team',
          summary: e.summary,
        });
      }
      if (!first) {
        deps.logger.info(
          { tenantId: e.tenantId, caller: maskPhone(e.callerPhone), kind: e.kind },
          'escalation kept; staff were told of this caller within the window',
        );
        return { notified: 0 };
      }
      const text =
        e.kind === 'transfer'
          ? `${tenant.name}: caller ${e.callerPhone} needs a person. ${e.summary}`
          : `${tenant.name}: message from ${e.callerPhone}: ${e.summary}`;
      const phones = new Set<string>();
      if (tenant.escalationPhone) phones.add(tenant.escalationPhone);
      for (const c of tenant.escalationContacts) if (c.phone) phones.add(c.phone);
      let notified = 0;
      for (const phone of phones) {
        const r = await activities.sendSms({
          tenantId: e.tenantId,
          to: phone,
          from: e.businessPhone,
          body: text,
          key: `${e.key}:staff:${phone}`,
          purpose: 'staff_escalation',
        });
        if (r.stored !== 'skipped_opted_out' && r.stored !== 'skipped_limit') notified += 1;
      }
      notified += await staff.notify(tenant, e, text);
      deps.logger.info(
        { tenantId: e.tenantId, caller: maskPhone(e.callerPhone), kind: e.kind, notified },
        'staff notified of escalation',
      );
      return { notified };
    },

    /** Outcome and summary stored on the call once it has ended. */
    async finishCall(f: {
      input: CallWorkflowInput;
      events: CallEvent[];
      ended: CallEndedSignal | null;
    }): Promise<{ outcome: CallOutcomeKind; summary: string }> {
      const outcome = decideCallOutcome(f.events);
      const messages = await listCallMessages(deps.db, f.input.tenantId, f.input.callSid);
      const said = messages.filter((m) => m.role === 'caller' && m.text).map((m) => m.text);
      const booking = f.events.find((e) => e.type === 'booking_confirmed');
      const parts = [
        `Caller ending ${last4(f.input.callerPhone)}`,
        said.length ? `said: "${said.slice(0, 3).join(' / ').slice(0, 400)}"` : 'did not speak',
        booking && booking.type === 'booking_confirmed'
          ? `Booked ${booking.service} at ${booking.startsAt}.`
          : '',
        `Outcome: ${outcome.replace('_', ' ')}.`,
        f.ended?.durationSeconds != null ? `Duration ${f.ended.durationSeconds}s.` : '',
      ];
      const summary = parts.filter(Boolean).join(' ');
      await setCallOutcome(deps.db, f.input.tenantId, f.input.callSid, { outcome, summary });
      return { outcome, summary };
    },

    async tenantName(tenantId: string): Promise<{ name: string; timezone: string }> {
      const t = await tenantOrThrow(deps.db, tenantId);
      return { name: t.name, timezone: t.timezone };
    },
  };
  // The after-call text goes out through sendSms like every other text.
  return {
    ...activities,
    ...createCallFollowUpActivities({ db: deps.db, sendSms: activities.sendSms }),
  };
}

export type ChannelActivities = ReturnType<typeof createChannelActivities>;
