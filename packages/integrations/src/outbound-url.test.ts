import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertSlackWebhookUrl,
  checkUrlShape,
  isPublicAddress,
  postJson,
  publicAddressesOf,
  SLACK_WEBHOOK_POLICY,
  UnsafeUrlError,
  type Lookup,
} from './outbound-url.ts';

const resolvesTo =
  (...addresses: string[]): Lookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('public addresses', () => {
  it('refuses private, loopback, link-local, unique-local and other internal ranges', () => {
    for (const ip of [
      '127.0.0.1',
      '127.8.9.10',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::10.0.0.1',
      '64:ff9b::a00:1',
      'ff02::1',
      'not-an-ip',
    ])
      expect(isPublicAddress(ip), ip).toBe(false);
  });

  it('accepts addresses the internet routes', () => {
    for (const ip of ['52.89.214.238', '8.8.8.8', '2606:4700::1111', '64:ff9b::808:808'])
      expect(isPublicAddress(ip), ip).toBe(true);
  });

  it('checks every address a name resolves to, and refuses names that do not resolve', async () => {
    await expect(publicAddressesOf('x.example', resolvesTo('52.1.1.1'))).resolves.toHaveLength(1);
    // One internal address among public ones is enough to refuse (DNS rebinding, split answers).
    await expect(
      publicAddressesOf('x.example', resolvesTo('52.1.1.1', '10.0.0.5')),
    ).rejects.toThrow(UnsafeUrlError);
    await expect(publicAddressesOf('x.example', resolvesTo())).rejects.toThrow(UnsafeUrlError);
    // Real resolution: localhost is loopback.
    await expect(publicAddressesOf('localhost')).rejects.toThrow(UnsafeUrlError);
    await expect(publicAddressesOf('[::1]')).rejects.toThrow(UnsafeUrlError);
    await expect(publicAddressesOf('no-such-host.invalid')).rejects.toThrow(UnsafeUrlError);
  });
});

describe('Slack webhook URLs', () => {
  it('accepts only https://hooks.slack.com webhook paths', async () => {
    const ok = 'https://hooks.slack.com/services/T000/B000/XXXX';
    expect(checkUrlShape(ok, SLACK_WEBHOOK_POLICY).hostname).toBe('hooks.slack.com');
    await expect(assertSlackWebhookUrl(ok, resolvesTo('52.89.214.238'))).resolves.toBeInstanceOf(
      URL,
    );
    for (const bad of [
      'http://hooks.slack.com/services/T/B/x',
      'https://hooks.slack.com.evil.example/services/T/B/x',
      'https://evil.example/services/T/B/x',
      'https://hooks.slack.com@evil.example/services/T/B/x',
      'https://user:pw@hooks.slack.com/services/T/B/x',
      'https://hooks.slack.com:8443/services/T/B/x',
      'https://hooks.slack.com/api/chat.postMessage',
      'https://127.0.0.1/services/T/B/x',
      'https://169.254.169.254/services/T/B/x',
      'file:///etc/passwd',
      'not a url',
      `https://hooks.slack.com/services/${'a'.repeat(600)}`,
    ])
      expect(() => checkUrlShape(bad, SLACK_WEBHOOK_POLICY), bad).toThrow(UnsafeUrlError);
    // The right name resolving inside our network is refused all the same.
    await expect(assertSlackWebhookUrl(ok, resolvesTo('10.0.0.7'))).rejects.toThrow(UnsafeUrlError);
  });
});

describe('postJson', () => {
  let server: Server;
  let internal: Server;
  let internalHits = 0;
  let base = '';
  beforeAll(async () => {
    internal = createServer((_req, res) => {
      internalHits++;
      res.end('secret');
    });
    await new Promise<void>((r) => internal.listen(0, '127.0.0.1', r));
    const internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/latest`;
    server = createServer((req, res) => {
      if (req.url === '/redirect') return void res.writeHead(302, { location: internalUrl }).end();
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await new Promise((r) => internal.close(r));
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const status = await postJson(
      new URL(`${base}/redirect`),
      { text: 'hi' },
      {
        timeoutMs: 2_000,
        guard: false,
      },
    );
    expect(status).toBe(302);
    expect(internalHits).toBe(0);
  });

  it('with the guard on, refuses to connect to a host that resolves inside', async () => {
    const port = (server.address() as AddressInfo).port;
    await expect(
      postJson(new URL(`http://localhost:${port}/x`), {}, { timeoutMs: 2_000, guard: true }),
    ).rejects.toThrow(UnsafeUrlError);
    await expect(
      postJson(new URL(`http://127.0.0.1:${port}/x`), {}, { timeoutMs: 2_000, guard: true }),
    ).rejects.toThrow(UnsafeUrlError);
    // A name that resolves public at check time but internal at connect time is judged at connect.
    await expect(
      postJson(
        new URL(`http://rebind.example:${port}/x`),
        {},
        { timeoutMs: 2_000, guard: true, lookup: resolvesTo('127.0.0.1') },
      ),
    ).rejects.toThrow(UnsafeUrlError);
  });
});
