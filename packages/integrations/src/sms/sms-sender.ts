/**
 * Outbound SMS, at most once per idempotency key.
 *
 *   import { createSmsSender, type SmsSender } from '@receptionist/integrations/sms';
 *   const sms = createSmsSender({ db, breakers, twilio: { accountSid, authToken, apiBaseUrl } });
 *   await sms.send({ tenantId, to: '+14155550123', body, idempotencyKey: `booking:${id}:confirmed` });
 *
 * Every message is a row in `outbound_messages` claimed by its idempotency key before anything
 * leaves: a retried activity or a redelivered webhook finds the row and sends nothing. Contacts
 * who opted out (contacts.opted_out) are never texted; the row records that it was skipped.
 * Without Twilio credentials the row itself is the outbox (status 'queued').
 */
import twilio from 'twilio';
import type TwilioRequestClient from 'twilio/lib/base/RequestClient.js';
import {
  claimOutboundMessage,
  getContactByPhone,
  getTenantSenderNumber,
  markOutboundMessage,
  type Db,
} from '@receptionist/db';
import type { BreakerFactory } from '../breaker.ts';

export interface SmsMessage {
  tenantId: string;
  /** E.164 */
  to: string;
  body: string;
  /** Unique per logical message, e.g. `booking:<id>:reminder:24h`. */
  idempotencyKey: string;
  /** E.164 sender; defaults to the tenant's first phone number. */
  from?: string;
}

export interface SmsResult {
  /** sent: handed to Twilio now; queued: stored in the outbox; duplicate: this key was handled before. */
  status: 'sent' | 'queued' | 'duplicate' | 'skipped_opted_out';
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

/** Twilio's request client with the API host swapped, so the real SDK can talk to a stand-in. */
class RebasedRequestClient extends twilio.RequestClient {
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

export function createOutboxSmsSender(deps: { db: Db }): SmsSender {
  return {
    kind: 'outbox',
    async send(m) {
      const skip = await optedOut(deps.db, m.tenantId, m.to);
      const { first, message } = await claimOutboundMessage(deps.db, m.tenantId, {
        to: m.to,
        body: m.body,
        idempotencyKey: m.idempotencyKey,
        status: skip ? 'skipped_opted_out' : 'queued',
      });
      return {
        status: !first ? 'duplicate' : skip ? 'skipped_opted_out' : 'queued',
        messageId: message.id,
        providerSid: message.providerSid,
      };
    },
  };
}

export function createTwilioSmsSender(deps: {
  db: Db;
  breakers: BreakerFactory;
  twilio: TwilioSettings;
  timeoutMs?: number;
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
      const skip = await optedOut(deps.db, m.tenantId, m.to);
      const { first, message } = await claimOutboundMessage(deps.db, m.tenantId, {
        to: m.to,
        body: m.body,
        idempotencyKey: m.idempotencyKey,
        status: skip ? 'skipped_opted_out' : 'sending',
      });
      if (skip && first)
        return { status: 'skipped_opted_out', messageId: message.id, providerSid: null };
      // 'sending' or 'failed' left behind by an attempt that died before Twilio answered is
      // retried; anything else means this key was already handled.
      if (!first && message.status !== 'sending' && message.status !== 'failed')
        return { status: 'duplicate', messageId: message.id, providerSid: message.providerSid };
      const from = m.from ?? (await getTenantSenderNumber(deps.db, m.tenantId));
      if (!from) throw new Error('tenant has no phone number to send from');
      try {
        const sid = await breaker.fire({ from, to: m.to, body: m.body });
        await markOutboundMessage(deps.db, m.tenantId, message.id, 'sent', { providerSid: sid });
        return { status: 'sent', messageId: message.id, providerSid: sid };
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
}): SmsSender {
  const t = deps.twilio;
  return t?.accountSid && t.authToken
    ? createTwilioSmsSender({
        db: deps.db,
        breakers: deps.breakers,
        twilio: { accountSid: t.accountSid, authToken: t.authToken, apiBaseUrl: t.apiBaseUrl },
      })
    : createOutboxSmsSender({ db: deps.db });
}
