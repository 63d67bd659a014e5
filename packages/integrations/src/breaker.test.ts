import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@receptionist/observability';
import { createBreakerFactory } from './breaker.ts';

const quiet = createLogger({
  service: 't',
  destination: new Writable({ write: (_c, _e, cb) => cb() }),
});

async function metricValue(registry: Registry, name: string, labels: Record<string, string>) {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const v = metric?.values.find((x) =>
    Object.entries(labels).every(([k, val]) => x.labels[k] === val),
  );
  return v?.value ?? 0;
}

describe('breaker helper', () => {
  it('opens after the threshold, short-circuits to the fallback, half-opens after the reset and closes on success', async () => {
    const registry = new Registry();
    const factory = createBreakerFactory({ registry, logger: quiet });
    let healthy = false;
    let calls = 0;
    const breaker = factory.create(
      'calendar',
      async (x: number) => {
        calls += 1;
        if (!healthy) throw new Error('provider down');
        return `ok ${x}`;
      },
      {
        timeoutMs: 200,
        volumeThreshold: 3,
        errorThresholdPercentage: 50,
        resetTimeoutMs: 150,
        fallback: (err, x) => `sorry (${x}): ${err.message}`,
      },
    );

    for (let i = 0; i < 3; i++) expect(await breaker.fire(i)).toBe(`sorry (${i}): provider down`);
    expect(breaker.state()).toBe('open');
    expect(await metricValue(registry, 'circuit_breaker_state', { breaker: 'calendar' })).toBe(2);

    const before = calls;
    expect(await breaker.fire(9)).toMatch(/^sorry \(9\)/);
    expect(calls).toBe(before);
    expect(
      await metricValue(registry, 'circuit_breaker_events_total', {
        breaker: 'calendar',
        event: 'reject',
      }),
    ).toBe(1);

    await new Promise((r) => setTimeout(r, 200));
    expect(breaker.state()).toBe('half_open');
    expect(await metricValue(registry, 'circuit_breaker_state', { breaker: 'calendar' })).toBe(1);

    healthy = true;
    expect(await breaker.fire(5)).toBe('ok 5');
    expect(breaker.state()).toBe('closed');
    expect(await metricValue(registry, 'circuit_breaker_state', { breaker: 'calendar' })).toBe(0);
    expect(
      await metricValue(registry, 'circuit_breaker_events_total', {
        breaker: 'calendar',
        event: 'failure',
      }),
    ).toBe(3);
    expect(
      await metricValue(registry, 'circuit_breaker_events_total', {
        breaker: 'calendar',
        event: 'success',
      }),
    ).toBe(1);
    breaker.shutdown();
  });

  it('times out slow calls and propagates the error when there is no fallback', async () => {
    const factory = createBreakerFactory({ registry: new Registry(), logger: quiet });
    const breaker = factory.create(
      'slow',
      () => new Promise<string>((r) => setTimeout(() => r('late'), 500)),
      {
        timeoutMs: 50,
      },
    );
    await expect(breaker.fire()).rejects.toThrow(/Timed out/i);
    breaker.shutdown();
  });
});
