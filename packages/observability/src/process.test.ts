import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServiceProcess } from './process.ts';

function lines() {
  const out: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) out.push(JSON.parse(l));
      done();
    },
  });
  return { out, destination };
}

function proc(extra: { timeoutMs?: number } = {}) {
  const log = lines();
  const exits: number[] = [];
  const p = startServiceProcess({
    service: 'svc',
    destination: log.destination,
    exit: (code) => exits.push(code),
    handleProcessEvents: false,
    ...extra,
  });
  return { p, exits, log: log.out };
}

describe('service process start-up', () => {
  it('stops the HTTP server first, then closes newest-registered first, and exits 0', async () => {
    const { p, exits } = proc();
    const order: string[] = [];
    p.onShutdown('postgres', async () => order.push('postgres'));
    p.onShutdown('redis', async () => order.push('redis'));
    p.onShutdown('temporal-worker', async () => order.push('temporal-worker'));
    const server = await p.listen({ app: (_q, r) => r.end('ok'), port: 0 });
    server.on('close', () => order.push('http'));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    expect(await (await fetch(url)).text()).toBe('ok');

    await p.shutdown();

    expect(order).toEqual(['http', 'temporal-worker', 'redis', 'postgres']);
    expect(exits).toEqual([0]);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('a closer that fails is logged and the ones after it still close', async () => {
    const { p, exits, log } = proc();
    const closed: string[] = [];
    p.onShutdown('postgres', async () => closed.push('postgres'));
    p.onShutdown('redis', async () => {
      throw new Error('redis already gone');
    });
    p.onShutdown('temporal', async () => closed.push('temporal'));

    await p.shutdown();

    expect(closed).toEqual(['temporal', 'postgres']);
    expect(log).toContainEqual(
      expect.objectContaining({ level: 'warn', closer: 'redis', msg: 'error while closing' }),
    );
    expect(exits).toEqual([0]);
  });

  it('a fatal error is logged at fatal, closes everything and exits 1, even if SIGTERM follows', async () => {
    const { p, exits, log } = proc();
    const closed: string[] = [];
    p.onShutdown('postgres', async () => closed.push('postgres'));

    const fatal = p.fatal(new Error('worker died'), 'temporal worker stopped');
    const again = p.shutdown();
    await Promise.all([fatal, again]);

    expect(closed).toEqual(['postgres']);
    expect(exits).toEqual([1]);
    expect(log).toContainEqual(
      expect.objectContaining({ level: 'fatal', service: 'svc', msg: 'temporal worker stopped' }),
    );
  });

  it('exits 1 when closing outlasts the shutdown budget', async () => {
    const { p, exits } = proc({ timeoutMs: 100 });
    let release!: () => void;
    p.onShutdown('stuck', () => new Promise<void>((r) => (release = r)));

    const done = p.shutdown();
    await new Promise((r) => setTimeout(r, 250));
    expect(exits).toEqual([1]);
    release();
    await done;
  });

  it('a port already taken fails start-up instead of leaving the process half up', async () => {
    const first = proc();
    const server = await first.p.listen({ app: (_q, r) => r.end(), port: 0 });
    const { port } = server.address() as AddressInfo;
    const second = proc();
    await expect(second.p.listen({ app: (_q, r) => r.end(), port })).rejects.toThrow(/EADDRINUSE/);
    await first.p.shutdown();
  });
});
