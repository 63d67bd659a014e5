import { createHash } from 'node:crypto';
import {
  beginStaffNotification,
  finishStaffNotification,
  type Db,
  type StaffNotificationChannel,
} from '@receptionist/db';
import type { Tenant } from '@receptionist/domain';
import type { BreakerFactory } from '@receptionist/integrations/breaker';
import type { Mailer } from '@receptionist/integrations/email';

export interface StaffNotifierDeps {
  db: Db;
  breakers: BreakerFactory;
  /** Staff emails; without an SMTP relay it sends nothing and escalations go by SMS and Slack. */
  mailer: Mailer;
  slackTimeoutMs?: number;
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

/** Emails and Slack posts to a tenant's escalation contacts; texts go through the SMS outbox. */
export function createStaffNotifier(deps: StaffNotifierDeps) {
  const timeoutMs = deps.slackTimeoutMs ?? 5_000;
  const slack = deps.breakers.create(
    'slack-webhook',
    async (url: string, text: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`slack answered ${res.status}`);
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
    /** Returns how many emails and posts reached the staff. */
    async notify(tenant: Tenant, e: StaffAlert, text: string): Promise<number> {
      let notified = 0;
      for (const c of tenant.escalationContacts) {
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
