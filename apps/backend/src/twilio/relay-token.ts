import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BackendConfig } from '@receptionist/config';

/**
 * Binds a ConversationRelay socket URL to one call. Twilio's signature on the upgrade only proves
 * Twilio opened a socket to our URL; without a binding, any relay session could name any CallSid
 * in its `setup` and speak in that call. The URL handed out in the call's TwiML carries the
 * CallSid, an expiry and an HMAC over both, keyed by a server secret: the upgrade is refused when
 * the MAC is forged or expired, and the session when `setup` names another call.
 */
export interface RelayBinding {
  callSid: string;
  /** Unix seconds after which the URL no longer opens a socket. */
  expires: number;
}

type TokenConfig = Pick<BackendConfig, 'RELAY_TOKEN_SECRET' | 'TWILIO_AUTH_TOKEN'>;

/** RELAY_TOKEN_SECRET, or (unset) a key derived from the Twilio auth token, never the token itself. */
function relayKey(config: TokenConfig): Buffer | null {
  if (config.RELAY_TOKEN_SECRET) return Buffer.from(config.RELAY_TOKEN_SECRET);
  if (!config.TWILIO_AUTH_TOKEN) return null;
  return createHmac('sha256', config.TWILIO_AUTH_TOKEN).update('conversation-relay-url').digest();
}

const mac = (key: Buffer, callSid: string, expires: number) =>
  createHmac('sha256', key).update(`${callSid}.${expires}`).digest('base64url');

/** The query string (`callSid=..&exp=..&sig=..`) that binds a relay URL to the call. */
export function relayQuery(
  config: TokenConfig,
  callSid: string,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const key = relayKey(config);
  if (!key) throw new Error('no key to bind relay URLs (TWILIO_AUTH_TOKEN is not set)');
  const expires = Math.floor(now / 1000) + ttlSeconds;
  const params = new URLSearchParams({
    callSid,
    exp: String(expires),
    sig: mac(key, callSid, expires),
  });
  return params.toString();
}

/** The call a relay URL is bound to; null when the token is missing, forged or expired. */
export function verifyRelayQuery(
  config: TokenConfig,
  query: string,
  now = Date.now(),
): RelayBinding | null {
  const key = relayKey(config);
  if (!key || query.length > 512) return null;
  const params = new URLSearchParams(query);
  const callSid = params.get('callSid') ?? '';
  const exp = params.get('exp') ?? '';
  const sig = params.get('sig') ?? '';
  if (!/^[A-Za-z0-9]{1,64}$/.test(callSid) || !/^\d{1,12}$/.test(exp) || !sig) return null;
  const expires = Number(exp);
  if (expires * 1000 < now) return null;
  const expected = Buffer.from(mac(key, callSid, expires));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { callSid, expires };
}
