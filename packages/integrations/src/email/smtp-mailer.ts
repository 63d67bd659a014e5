/**
 * Outbound email through an SMTP relay: the one way the product mails anyone (staff today).
 *
 *   import { createMailer, type Mailer } from '@receptionist/integrations/email';
 *   const mailer = createMailer({ smtpUrl, from: 'Receptionist <no-reply@example.com>', breakers, logger });
 *   await mailer.send({ to, subject, text, idempotencyKey: `${key}:staff-email:${to}` });
 *
 * nodemailer speaks SMTP (STARTTLS when the relay offers it, AUTH, `?pool=true` for pooling).
 * A send never throws: a refused login, a relay that is down or too slow ends in the breaker's
 * fallback and a 'failed' result, so a notification never fails the activity that sends it. The
 * Message-ID is derived from the idempotency key, so a retried activity's second copy carries the
 * same id and the receiving side can recognise it as a duplicate.
 */
import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { maskEmail, type Logger } from '@receptionist/observability';
import type { BreakerFactory } from '../breaker.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** An HTML part beside the text one (reports); the text part is always sent. */
  html?: string;
  /** Unique per logical message, e.g. `<escalation key>:staff-email:<address>`. */
  idempotencyKey: string;
}

export interface MailResult {
  /** sent: the relay accepted it; failed: refused, down or too slow; not_configured: no relay. */
  status: 'sent' | 'failed' | 'not_configured';
  /** The Message-ID header the message carries (or would have carried). */
  messageId: string;
}

export interface Mailer {
  readonly configured: boolean;
  send(message: MailMessage): Promise<MailResult>;
  /** Closes pooled connections (a no-op without a pool or a relay). */
  close(): void;
}

export interface MailerSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://...:465; unset sends nothing. */
  smtpUrl?: string | undefined;
  /** The From header, e.g. `Receptionist <no-reply@example.com>`. */
  from: string;
  breakers: BreakerFactory;
  logger: Pick<Logger, 'debug' | 'warn'>;
  /** Milliseconds one send may take, connecting included; default 10 s. */
  timeoutMs?: number;
}

/** The domain of the From address, which a Message-ID's right-hand side conventionally names. */
function fromDomain(from: string): string {
  const m = /@([^\s<>@]+?)>?\s*$/.exec(from);
  return m?.[1] ?? 'localhost';
}

/** Same key, same id: `<hash of the key>@<from domain>`. The key itself never leaves. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${hash}@${fromDomain(from)}>`;
}

export function createMailer(settings: MailerSettings): Mailer {
  const { smtpUrl, from, logger } = settings;
  const timeoutMs = settings.timeoutMs ?? 10_000;
  if (!smtpUrl) {
    return {
      configured: false,
      async send(m) {
        logger.debug({ to: maskEmail(m.to) }, 'email not sent: no SMTP relay configured');
        return { status: 'not_configured', messageId: messageIdFor(m.idempotencyKey, from) };
      },
      close() {},
    };
  }
  // The URL's own settings win; these only bound how long a dead or silent relay can hold a send.
  const transport = createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const breaker = settings.breakers.create(
    'smtp',
    async (m: MailMessage, messageId: string) => {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
        messageId,
      });
      return true;
    },
    {
      timeoutMs,
      fallback: (err, m) => {
        // An SMTP error may quote the address it refused.
        logger.warn(
          { to: maskEmail(m.to), err: maskEmail(err.message).slice(0, 300) },
          'email not sent',
        );
        return false;
      },
    },
  );
  return {
    configured: true,
    async send(m) {
      const messageId = messageIdFor(m.idempotencyKey, from);
      const sent = await breaker.fire(m, messageId);
      return { status: sent ? 'sent' : 'failed', messageId };
    },
    close: () => transport.close(),
  };
}
