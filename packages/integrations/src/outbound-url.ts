/**
 * Outbound URLs a business configures (today: Slack incoming webhooks) are requests we make from
 * inside our network on a stranger's say-so. One guard for all of them: https only, an allowed
 * host, and no address that reaches our own network (private, loopback, link-local, unique-local,
 * CGNAT, multicast, reserved), checked for every address the name resolves to. Used when an
 * operator saves the URL and again at connect time when we send, so a name that later resolves
 * somewhere internal (DNS rebinding) is refused too.
 *
 *   import { assertSlackWebhookUrl, postJson } from '@receptionist/integrations/outbound-url';
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['::', 96], // IPv4-compatible (deprecated)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** Whether an IP address is one the internet can route to (and so not one of ours). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // BlockList matches IPv4-mapped IPv6 (::ffff:10.0.0.1) against the IPv4 ranges as well.
  if (blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')) return false;
  // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits: judge that one.
  const lower = address.toLowerCase();
  if (family === 6 && lower.startsWith('64:ff9b::')) {
    const tail = lower.slice('64:ff9b::'.length);
    const v4 = isIP(tail) === 4 ? tail : hexPairToV4(tail);
    return v4 !== null && !blocked.check(v4, 'ipv4');
  }
  return true;
}

function hexPairToV4(tail: string): string | null {
  const parts = tail.split(':');
  if (parts.length !== 2 || !parts.every((p) => /^[0-9a-f]{1,4}$/.test(p))) return null;
  const n = (parseInt(parts[0]!, 16) << 16) | parseInt(parts[1]!, 16);
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

export type Lookup = (hostname: string) => Promise<LookupAddress[]>;

const systemLookup: Lookup = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

/** Resolves the host and refuses it unless every address is public. */
export async function publicAddressesOf(
  hostname: string,
  lookup: Lookup = systemLookup,
): Promise<LookupAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare)) {
    if (!isPublicAddress(bare)) throw new UnsafeUrlError(`${bare} is not a public address`);
    return [{ address: bare, family: isIP(bare) }];
  }
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(bare);
  } catch {
    // Fail closed: a name we cannot resolve now is not one we vouch for.
    throw new UnsafeUrlError(`${bare} does not resolve`);
  }
  if (addresses.length === 0) throw new UnsafeUrlError(`${bare} does not resolve`);
  const inside = addresses.find((a) => !isPublicAddress(a.address));
  if (inside) throw new UnsafeUrlError(`${bare} resolves to a non-public address`);
  return addresses;
}

export interface OutboundUrlPolicy {
  /** Exact host names allowed (lower case). */
  hosts: readonly string[];
  /** Path prefixes allowed on those hosts. */
  pathPrefixes?: readonly string[];
  maxLength?: number;
}

/** The URL's shape only (no DNS): https, an allowed host, default port, no credentials. */
export function checkUrlShape(raw: string, policy: OutboundUrlPolicy): URL {
  if (raw.length > (policy.maxLength ?? 500)) throw new UnsafeUrlError('the URL is too long');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('not a URL');
  }
  if (url.protocol !== 'https:') throw new UnsafeUrlError('only https URLs are allowed');
  if (url.username || url.password) throw new UnsafeUrlError('credentials in the URL');
  if (url.port !== '') throw new UnsafeUrlError('a port other than 443');
  if (!policy.hosts.includes(url.hostname.toLowerCase()))
    throw new UnsafeUrlError(`host ${url.hostname} is not allowed`);
  if (policy.pathPrefixes && !policy.pathPrefixes.some((p) => url.pathname.startsWith(p)))
    throw new UnsafeUrlError('path not allowed');
  return url;
}

/** Shape and every resolved address: what the admin API checks before it stores a URL. */
export async function assertPublicUrl(
  raw: string,
  policy: OutboundUrlPolicy,
  lookup?: Lookup,
): Promise<URL> {
  const url = checkUrlShape(raw, policy);
  await publicAddressesOf(url.hostname, lookup);
  return url;
}

/** Slack incoming webhooks: https://hooks.slack.com/services/…, /workflows/… or /triggers/…. */
export const SLACK_WEBHOOK_POLICY: OutboundUrlPolicy = {
  hosts: ['hooks.slack.com'],
  pathPrefixes: ['/services/', '/workflows/', '/triggers/'],
  maxLength: 500,
};

export const assertSlackWebhookUrl = (raw: string, lookup?: Lookup) =>
  assertPublicUrl(raw, SLACK_WEBHOOK_POLICY, lookup);

/**
 * POSTs JSON and answers the status. Redirects are never followed (a 3xx is just a status), and
 * with `guard` every address the host resolves to is checked at connect time, the same lookup the
 * socket then uses, so no second resolution can point it elsewhere. `guard: false` only for a
 * destination the deployment itself configured (a local stand-in in tests).
 */
export async function postJson(
  url: URL,
  body: unknown,
  opts: { timeoutMs: number; guard: boolean; lookup?: Lookup; headers?: Record<string, string> },
): Promise<number> {
  const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  // An IP literal never goes through lookup: judge it before any socket is opened.
  if (opts.guard && isIP(url.hostname.replace(/^\[|\]$/g, '')))
    await publicAddressesOf(url.hostname);
  const guardedLookup = (
    hostname: string,
    options: { all?: boolean },
    cb: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    publicAddressesOf(hostname, opts.lookup).then(
      (addresses) =>
        options.all ? cb(null, addresses) : cb(null, addresses[0]!.address, addresses[0]!.family),
      (err: Error) => cb(err, ''),
    );
  };
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          ...opts.headers,
          'content-type': 'application/json',
          'content-length': payload.length,
        },
        timeout: opts.timeoutMs,
        ...(opts.guard ? { lookup: guardedLookup as never } : {}),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}
