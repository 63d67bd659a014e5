/**
 * Outbound SMS, at most once per idempotency key: the one way the product texts anyone.
 *
 *   import { createSmsSender, type SmsSender } from '@receptionist/integrations/sms';
 *   const sms = createSmsSender({ db, breakers, twilio: { accountSid, authToken, apiBaseUrl } });
 *   await sms.send({ tenantId, to: '+14155550123', body, idempotencyKey: `booking:${id}:confirmed` });
 *
 * Every message is a row in `outbound_messages` claimed by the tenant's idempotency key before
 * anything leaves: a retried activity or a redelivered webhook finds the row and sends nothing.
 * Contacts who opted out (contacts.opted_out) are never texted, whatever the caller says; the row
 * records that it was skipped. Without Twilio credentials the row itself is the outbox (status
 * 'queued'), which the terminal phone prints.
 */
import twilio from 'twilio';
import type TwilioRequestClient from 'twilio/lib/base/RequestClient.js';
import {
  claimOutboundMessage,
  getContactByPhone,
  getTenantSenderNumber,
  markOutboundMessage,
  type Db,
  type OutboundMessage,
  type OutboundStatus,
} from '@receptionist/db';
import { maskPhone, type Logger } from '@receptionist/observability';
import type { BreakerFactory } from '../breaker.ts';

export interface SmsMessage {
  tenantId: string;
  /** E.164 */
  to: string;
  body: string;
  /** Unique per logical message within the tenant, e.g. `booking:<id>:reminder:24h`. */
  idempotencyKey: string;
  /** E.164 sender; defaults to the tenant's first phone number. */
  from?: string;
  /** Why the text is sent ('reply', 'staff_escalation', ...), kept on the row; default 'notification'. */
  purpose?: string;
}

export interface SmsResult {
  /**
   * sent: handed to Twilio now; queued: stored in the outbox; skipped_opted_out: the number opted
   * out, nothing sent; duplicate: this key was handled before (see `stored` for how).
   */
  status: 'sent' | 'queued' | 'duplicate' | 'skipped_opted_out';
  /** The row's status once this call is done, also for a duplicate. */
  stored: OutboundStatus;
  messageId: string;
  providerSid: string | null;
}

export interface SmsSender {
  readonly kind: 'twilio' | 'outbox';
  send(message: SmsMessage): Promise<SmsResult>;
}

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** Replaces https://api.twilio.com (a local stand-in in tests). */
  apiBaseUrl?: string;
}

type SkipLogger = Pick<Logger, 'info'>;

/** Twilio's request client with the API host swapped, so the real SDK can talk to a stand-in. */
export class RebasedRequestClient extends twilio.RequestClient {
  private readonly base: string;
  constructor(base: string) {
    super();
    this.base = base.replace(/\/+$/, '');
  }
  override request<T>(opts: TwilioRequestClient.RequestOptions<T>) {
    const uri = opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.base);
    return super.request<T>({ ...opts, uri });
  }
}

async function optedOut(db: Db, tenantId: string, to: string): Promise<boolean> {
  return (await getContactByPhone(db, tenantId, to))?.optedOut ?? false;
}

function result(
  status: SmsResult['status'],
  message: OutboundMessage,
  stored: OutboundStatus = message.status,
): SmsResult {
  return { status, stored, messageId: message.id, providerSid: message.providerSid };
}

/**
 * Claims the key and settles the opt-out. Returns the result when nothing is left to send, or the
 * claimed row when this caller must send it: a fresh claim, or a 'sending'/'failed' row an
 * earlier attempt left behind before Twilio answered.
 */
async function claim(
  deps: { db: Db; logger?: SkipLogger },
  m: SmsMessage,
  pending: 'queued' | 'sending',
): Promise<SmsResult | OutboundMessage> {
  const skip = await optedOut(deps.db, m.tenantId, m.to);
  const { first, message } = await claimOutboundMessage(deps.db, m.tenantId, {
    to: m.to,
    from: m.from ?? null,
    body: m.body,
    purpose: m.purpose,
    idempotencyKey: m.idempotencyKey,
    status: skip ? 'skipped_opted_out' : pending,
  });
  const unsent = !first && (message.status === 'sending' || message.status === 'failed');
  if (!first && !unsent) return result('duplicate', message);
  if (skip) {
    // The number opted out between a failed attempt and this retry: it is not texted either.
    if (unsent) await markOutboundMessage(deps.db, m.tenantId, message.id, 'skipped_opted_out');
    deps.logger?.info(
      { to: maskPhone(m.to), purpose: m.purpose ?? 'notification' },
      'sms skipped: number opted out',
    );
    return result('skipped_opted_out', message, 'skipped_opted_out');
  }
  return message;
}

export function createOutboxSmsSender(deps: { db: Db; logger?: SkipLogger }): SmsSender {
  return {
    kind: 'outbox',
    async send(m) {
      const from = m.from ?? (await getTenantSenderNumber(deps.db, m.tenantId)) ?? undefined;
      const claimed = await claim(deps, { ...m, from }, 'queued');
      if ('stored' in claimed) return claimed;
      const message = claimed;
      if (message.status !== 'queued')
        await markOutboundMessage(deps.db, m.tenantId, message.id, 'queued');
      return result('queued', message, 'queued');
    },
  };
}

export function createTwilioSmsSender(deps: {
  db: Db;
  breakers: BreakerFactory;
  twilio: TwilioSettings;
  timeoutMs?: number;
  logger?: SkipLogger;
}): SmsSender {
  const client = twilio(deps.twilio.accountSid, deps.twilio.authToken, {
    ...(deps.twilio.apiBaseUrl
      ? { httpClient: new RebasedRequestClient(deps.twilio.apiBaseUrl) }
      : {}),
  });
  const breaker = deps.breakers.create(
    'twilio-sms',
    async (p: { from: string; to: string; body: string }) => {
      const msg = await client.messages.create(p);
      return msg.sid;
    },
    { timeoutMs: deps.timeoutMs ?? 10_000 },
  );
  return {
    kind: 'twilio',
    async send(m) {
      const from = m.from ?? (await getTenantSenderNumber(deps.db, m.tenantId));
      if (!from) throw new Error('tenant has no phone number to send from');
      const claimed = await claim(deps, { ...m, from }, 'sending');
      if ('stored' in claimed) return claimed;
      const message = claimed;
      try {
        const sid = await breaker.fire({ from, to: m.to, body: m.body });
        await markOutboundMessage(deps.db, m.tenantId, message.id, 'sent', { providerSid: sid });
        return { status: 'sent', stored: 'sent', messageId: message.id, providerSid: sid };
      } catch (err) {
        await markOutboundMessage(deps.db, m.tenantId, message.id, 'failed', {
          error: (err as Error).message.slice(0, 500),
        });
        throw err;
      }
    },
  };
}

/** Twilio when credentials are configured, the Postgres outbox otherwise. */
export function createSmsSender(deps: {
  db: Db;
  breakers: BreakerFactory;
  twilio?: Partial<TwilioSettings>;
  timeoutMs?: number;
  logger?: SkipLogger;
}): SmsSender {
  const t = deps.twilio;
  const logger = deps.logger ? { logger: deps.logger } : {};
  return t?.accountSid && t.authToken
    ? createTwilioSmsSender({
        db: deps.db,
        breakers: deps.breakers,
        twilio: { accountSid: t.accountSid, authToken: t.authToken, apiBaseUrl: t.apiBaseUrl },
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
        ...logger,
      })
    : createOutboxSmsSender({ db: deps.db, ...logger });
}
