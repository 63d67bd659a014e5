// Low finding: an HTTP upgrade (WebSocket) request to any path other than the relay socket was
// left hanging forever, holding a connection per request. The real backend process now answers
// it at once with 404 and closes the connection.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useBackendProcess } from '../../test/backend-process.ts';

const backend = useBackendProcess({ TWILIO_AUTH_TOKEN: 'test-twilio-auth-token' });

/** Sends a raw upgrade request; resolves with what came back once the server closes (or null). */
function upgrade(path: string, waitMs = 3_000): Promise<string | null> {
  const { hostname, port } = new URL(backend.baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, waitMs);
    socket.on('data', (c) => (data += c.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.on('error', () => undefined);
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
  });
}

describe('attack: upgrade requests to other paths', () => {
  it('answers 404 and closes at once instead of hanging', async () => {
    for (const path of ['/', '/admin/v1/tenants', '/twilio/voice', '/twilio/relayx', '/health']) {
      const started = performance.now();
      const answer = await upgrade(path);
      expect(answer, path).not.toBeNull();
      expect(answer, path).toMatch(/^HTTP\/1\.1 404 /);
      expect(performance.now() - started, path).toBeLessThan(2_000);
    }
    // 50 at once: none is left open.
    const answers = await Promise.all(Array.from({ length: 50 }, () => upgrade('/nowhere')));
    expect(answers.every((a) => a?.startsWith('HTTP/1.1 404'))).toBe(true);
  });

  it('still refuses an unsigned upgrade to the relay socket itself', async () => {
    expect(await upgrade('/twilio/relay')).toMatch(/^HTTP\/1\.1 403 /);
  });
});
