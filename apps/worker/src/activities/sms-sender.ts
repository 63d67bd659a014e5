import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { Db } from '@receptionist/db';
import { claimSmsOutbox, getContactByPhone, markSmsOutbox } from '@receptionist/db';
import type { BreakerFactory } from '@receptionist/integrations/breaker';
import type { Logger } from '@receptionist/observability';
import { maskPhone } from '@receptionist/observability';

export interface OutboundSms {
  tenantId: string;
  to: string;
  from: string;
  body: string;
  /** Same key, same message: a retried activity never texts twice. */
  idempotencyKey: string;
  purpose: string;
}

export interface SmsSendResult {
  status: 'sent' | 'local' | 'refused';
  outboxId: string;
  providerSid: string | null;
}

/** The one way the channel texts anyone. It refuses opted-out numbers, whatever the caller says. */
export interface SmsSender {
  send(msg: OutboundSms): Promise<SmsSendResult>;
}

export interface TwilioRestSettings {
  accountSid: string;
  authToken: string;
  /** Replaces https://*.twilio.com (a local stand-in speaking Twilio's REST API). */
  baseUrl?: string;
  timeoutMs: number;
}

type RequestOptions<T> = RequestClient.RequestOptions<T>;

/** Twilio's own HTTP client, with every request re-aimed at the configured base URL. */
class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly base: URL;
  constructor(baseUrl: string) {
    super();
    this.base = new URL(baseUrl);
  }
  override request<TData>(opts: RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    uri.protocol = this.base.protocol;
    uri.host = this.base.host;
    return super.request<TData>({ ...opts, uri: uri.toString() });
  }
}

/**
 * Texts go to Twilio's REST API when credentials are configured; otherwise they stay in the
 * sms_outbox table (status `local`) where the terminal phone and the tests read them. Both ways
 * the outbox row is claimed first, so a retry after a crash sends nothing twice.
 */
export function createSmsSender(deps: {
  db: Db;
  logger: Logger;
  breakers: BreakerFactory;
  rest?: TwilioRestSettings;
}): SmsSender {
  const rest = deps.rest;
  const client = rest
    ? twilio(rest.accountSid, rest.authToken, {
        ...(rest.baseUrl ? { httpClient: new BaseUrlRequestClient(rest.baseUrl) } : {}),
      })
    : null;
  const breaker = deps.breakers.create(
    'twilio-sms',
    async (m: OutboundSms) => {
      const sent = await client!.messages.create({ to: m.to, from: m.from, body: m.body });
      return sent.sid;
    },
    { timeoutMs: rest?.timeoutMs ?? 5_000 },
  );

  return {
    async send(m) {
      const contact = await getContactByPhone(deps.db, m.tenantId, m.to);
      const optedOut = contact?.optedOut === true;
      const { entry, created } = await claimSmsOutbox(deps.db, m.tenantId, {
        idempotencyKey: m.idempotencyKey,
        toNumber: m.to,
        fromNumber: m.from,
        body: m.body,
        purpose: m.purpose,
        status: optedOut ? 'refused' : 'pending',
      });
      if (!created && entry.status !== 'pending' && entry.status !== 'failed') {
        return {
          status: entry.status === 'sent' ? 'sent' : entry.status === 'local' ? 'local' : 'refused',
          outboxId: entry.id,
          providerSid: entry.providerSid,
        };
      }
      if (optedOut) {
        if (!created) await markSmsOutbox(deps.db, m.tenantId, entry.id, { status: 'refused' });
        deps.logger.info({ to: maskPhone(m.to), purpose: m.purpose }, 'sms refused: opted out');
        return { status: 'refused', outboxId: entry.id, providerSid: null };
      }
      if (!client) {
        await markSmsOutbox(deps.db, m.tenantId, entry.id, { status: 'local' });
        deps.logger.info({ to: maskPhone(m.to), purpose: m.purpose }, 'sms kept in local outbox');
        return { status: 'local', outboxId: entry.id, providerSid: null };
      }
      try {
        const sid = await breaker.fire(m);
        await markSmsOutbox(deps.db, m.tenantId, entry.id, { status: 'sent', providerSid: sid });
        return { status: 'sent', outboxId: entry.id, providerSid: sid };
      } catch (err) {
        await markSmsOutbox(deps.db, m.tenantId, entry.id, {
          status: 'failed',
          error: (err as Error).message.slice(0, 500),
        });
        throw err;
      }
    },
  };
}

/** REST settings when both credentials are configured; otherwise texts stay in the local outbox. */
export function twilioRestFromConfig(config: {
  TWILIO_ACCOUNT_SID?: string | undefined;
  TWILIO_AUTH_TOKEN?: string | undefined;
  TWILIO_API_BASE_URL?: string | undefined;
  TWILIO_TIMEOUT_MS: number;
}): TwilioRestSettings | undefined {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return undefined;
  return {
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    ...(config.TWILIO_API_BASE_URL ? { baseUrl: config.TWILIO_API_BASE_URL } : {}),
    timeoutMs: config.TWILIO_TIMEOUT_MS,
  };
}
