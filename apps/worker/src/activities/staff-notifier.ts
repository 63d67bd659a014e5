import { createHash } from 'node:crypto';
import {
  beginStaffNotification,
  finishStaffNotification,
  getTenantSecrets,
  type Db,
  type StaffNotificationChannel,
} from '@receptionist/db';
import type { Tenant } from '@receptionist/domain';
import type { BreakerFactory } from '@receptionist/integrations/breaker';
import type { Mailer } from '@receptionist/integrations/email';
import {
  checkUrlShape,
  postJson,
  SLACK_WEBHOOK_POLICY,
  UnsafeUrlError,
} from '@receptionist/integrations/outbound-url';

export interface StaffNotifierDeps {
  db: Db;
  breakers: BreakerFactory;
  /** Staff emails; without an SMTP relay it sends nothing and escalations go by SMS and Slack. */
  mailer: Mailer;
  slackTimeoutMs?: number;
  /**
   * SLACK_WEBHOOK_BASE_URL: a stand-in for hooks.slack.com (tests, local dev). The deployment sets
   * it, not a business, so posts there skip the public-address check; the stored URL must still
   * be a hooks.slack.com one, and only its path is kept.
   */
  slackBaseUrl?: string;
}

export interface StaffAlert {
  tenantId: string;
  kind: 'transfer' | 'message';
  callerPhone: string;
  summary: string;
  /** The escalation's idempotency key; each email and post gets its own key below it. */
  key: string;
}

/** Staff need the caller's full number to call back; it goes in the email only, never in a log. */
function emailText(tenant: Tenant, e: StaffAlert): string {
  return [
    e.kind === 'transfer'
      ? 'A caller needs to speak with a person.'
      : 'A caller left a message for the team.',
    '',
    `Caller: ${e.callerPhone}`,
    `Summary: ${e.summary}`,
    '',
    `${tenant.name} receptionist`,
  ].join('\n');
}

export type StaffNotifier = ReturnType<typeof createStaffNotifier>;

/** Emails and Slack posts to a tenant's escalation contacts; texts go through the SMS outbox. */
export function createStaffNotifier(deps: StaffNotifierDeps) {
  const timeoutMs = deps.slackTimeoutMs ?? 5_000;
  const slack = deps.breakers.create(
    'slack-webhook',
    async (stored: string, text: string) => {
      let url: URL;
      try {
        // Checked again at send time: a row written before the admin API checked URLs, or by
        // hand, is refused here all the same.
        url = checkUrlShape(stored, SLACK_WEBHOOK_POLICY);
      } catch (err) {
        if (err instanceof UnsafeUrlError) return false;
        throw err;
      }
      const target = deps.slackBaseUrl
        ? new URL(`${url.pathname}${url.search}`, deps.slackBaseUrl)
        : url;
      // No redirects (a 3xx is a failure) and every resolved address must be public.
      const status = await postJson(
        target,
        { text },
        {
          timeoutMs,
          guard: !deps.slackBaseUrl,
        },
      );
      if (status < 200 || status >= 300) throw new Error(`slack answered ${status}`);
      return true;
    },
    { timeoutMs, fallback: () => false },
  );

  /**
   * Sends once per key: a retried activity finds the email or post recorded as sent and does not
   * tell the staff twice. True when it reached them, now or before.
   */
  async function once(
    tenantId: string,
    n: { key: string; channel: StaffNotificationChannel; target: string },
    send: () => Promise<boolean>,
  ): Promise<boolean> {
    const record = await beginStaffNotification(deps.db, tenantId, n);
    if (record.status === 'sent') return true;
    const sent = await send();
    await finishStaffNotification(
      deps.db,
      tenantId,
      record.id,
      sent ? { sent: true } : { sent: false, error: `${n.channel} not delivered` },
    );
    return sent;
  }

  return {
    /** Posts a text to each of the tenant's Slack webhooks once per key; how many it reached. */
    async post(tenantId: string, key: string, text: string): Promise<number> {
      let posted = 0;
      const secrets = await getTenantSecrets(deps.db, tenantId);
      for (const c of secrets?.contacts ?? []) {
        const url = c.slackWebhookUrl;
        if (!url) continue;
        const hook = createHash('sha256').update(url).digest('hex').slice(0, 16);
        const sent = await once(
          tenantId,
          { key: `${key}:slack:${hook}`, channel: 'slack', target: c.name },
          () => slack.fire(url, text),
        );
        if (sent) posted += 1;
      }
      return posted;
    },

    /** Returns how many emails and posts reached the staff. */
    async notify(tenant: Tenant, e: StaffAlert, text: string): Promise<number> {
      let notified = 0;
      // Webhook URLs are write-only and not on the Tenant: read them here, where they are used.
      const secrets = await getTenantSecrets(deps.db, e.tenantId);
      for (const c of secrets?.contacts ?? []) {
        const url = c.slackWebhookUrl;
        if (!url) continue;
        // The webhook URL is a secret: its hash tells two contacts' hooks apart in the key.
        const hook = createHash('sha256').update(url).digest('hex').slice(0, 16);
        const key = `${e.key}:staff-slack:${hook}`;
        if (
          await once(e.tenantId, { key, channel: 'slack', target: c.name }, () =>
            slack.fire(url, text),
          )
        )
          notified += 1;
      }
      // One email per mailbox, however its address is capitalised across contacts.
      const emails = new Map<string, string>();
      for (const c of tenant.escalationContacts) {
        const mailbox = c.email?.toLowerCase();
        if (c.email && mailbox && !emails.has(mailbox)) emails.set(mailbox, c.email);
      }
      // Without a relay nothing is sent, so nothing is recorded as waiting to be.
      for (const email of deps.mailer.configured ? emails.values() : []) {
        const key = `${e.key}:staff-email:${email}`;
        const subject = `${tenant.name}: ${e.kind === 'transfer' ? 'caller needs a person' : 'message from a caller'}`;
        const sent = await once(e.tenantId, { key, channel: 'email', target: email }, async () => {
          const r = await deps.mailer.send({
            to: email,
            subject,
            text: emailText(tenant, e),
            idempotencyKey: key,
          });
          return r.status === 'sent';
        });
        if (sent) notified += 1;
      }
      return notified;
    },
  };
}
