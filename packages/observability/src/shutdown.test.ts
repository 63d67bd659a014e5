import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { createShutdown } from './shutdown.ts';

const logger = createLogger({ service: 't', level: 'silent' });

describe('graceful shutdown', () => {
  it('finishes the in-flight request, refuses new connections, then closes pools in order', async () => {
    const server = createServer((_req, res) => setTimeout(() => res.end('done'), 300));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const order: string[] = [];
    let exitCode: number | undefined;
    const shutdown = createShutdown({
      servers: [server],
      logger,
      closers: [
        { name: 'worker', close: async () => order.push('worker') },
        { name: 'postgres', close: async () => order.push('postgres') },
      ],
      exit: (code) => {
        exitCode = code;
      },
    });
    const inflight = fetch(url).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    const done = shutdown();
    await expect(fetch(url)).rejects.toThrow();
    expect(await inflight).toBe('done');
    await done;
    expect(order).toEqual(['worker', 'postgres']);
    expect(exitCode).toBe(0);
  });

  it('exits non-zero when the budget runs out', async () => {
    const server = createServer((_req, res) => setTimeout(() => res.end('late'), 2_000));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    let exitCode: number | undefined;
    const shutdown = createShutdown({
      servers: [server],
      logger,
      closers: [],
      timeoutMs: 200,
      exit: (c) => (exitCode ??= c),
    });
    const inflight = fetch(url).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    void shutdown();
    await new Promise((r) => setTimeout(r, 400));
    expect(exitCode).toBe(1);
    server.closeAllConnections();
    await inflight;
  });
});
