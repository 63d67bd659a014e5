import CircuitBreaker from 'opossum';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '@receptionist/observability';

export type BreakerState = 'closed' | 'half_open' | 'open';
const STATE_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

export interface BreakerOptions<TArgs extends unknown[], TResult> {
  /** Milliseconds before a call counts as failed; the caller never waits longer. */
  timeoutMs: number;
  /** Failure percentage over the rolling window that opens the circuit. */
  errorThresholdPercentage?: number;
  /** Calls in the window before the percentage is trusted. */
  volumeThreshold?: number;
  /** How long an open circuit waits before letting one trial call through. */
  resetTimeoutMs?: number;
  rollingWindowMs?: number;
  /**
   * What the caller gets when the call fails, times out or is short-circuited; for voice this is a
   * sentence the caller hears instead of silence. Without it the error propagates.
   */
  fallback?: (error: Error, ...args: TArgs) => TResult | Promise<TResult>;
}

export interface Breaker<TArgs extends unknown[], TResult> {
  name: string;
  fire(...args: TArgs): Promise<TResult>;
  state(): BreakerState;
  shutdown(): void;
}

export interface BreakerFactory {
  create<TArgs extends unknown[], TResult>(
    name: string,
    action: (...args: TArgs) => Promise<TResult>,
    options: BreakerOptions<TArgs, TResult>,
  ): Breaker<TArgs, TResult>;
}

/**
 * The one way an external call is made: opossum for timeout/threshold/reset, prom-client for state
 * and outcomes. Metrics are registered once per registry, labelled by breaker name.
 */
export function createBreakerFactory(deps: { registry: Registry; logger: Logger }): BreakerFactory {
  const stateGauge = new Gauge({
    name: 'circuit_breaker_state',
    help: 'Circuit state: 0 closed, 1 half-open, 2 open',
    labelNames: ['breaker'] as const,
    registers: [deps.registry],
  });
  const events = new Counter({
    name: 'circuit_breaker_events_total',
    help: 'Breaker outcomes and transitions',
    labelNames: ['breaker', 'event'] as const,
    registers: [deps.registry],
  });
  const names = new Set<string>();

  return {
    create(name, action, options) {
      if (names.has(name)) throw new Error(`breaker ${name} already exists`);
      names.add(name);
      const cb = new CircuitBreaker(action, {
        name,
        timeout: options.timeoutMs,
        errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
        volumeThreshold: options.volumeThreshold ?? 5,
        resetTimeout: options.resetTimeoutMs ?? 30_000,
        rollingCountTimeout: options.rollingWindowMs ?? 10_000,
      });
      let current: BreakerState = 'closed';
      const setState = (s: BreakerState) => {
        current = s;
        stateGauge.set({ breaker: name }, STATE_VALUE[s]);
      };
      setState('closed');
      cb.on('open', () => {
        setState('open');
        events.inc({ breaker: name, event: 'open' });
        deps.logger.warn({ breaker: name }, 'circuit opened');
      });
      cb.on('halfOpen', () => {
        setState('half_open');
        events.inc({ breaker: name, event: 'half_open' });
      });
      cb.on('close', () => {
        setState('closed');
        events.inc({ breaker: name, event: 'close' });
        deps.logger.info({ breaker: name }, 'circuit closed');
      });
      for (const ev of ['success', 'failure', 'timeout', 'reject', 'fallback'] as const) {
        // opossum's typings overload on() per event name; every one of these takes no payload we need.
        (cb.on as (event: string, listener: () => void) => void)(ev, () =>
          events.inc({ breaker: name, event: ev }),
        );
      }
      if (options.fallback) {
        const fb = options.fallback;
        cb.fallback((...args: unknown[]) => {
          // opossum passes the call's arguments followed by the error.
          const err = args[args.length - 1];
          const callArgs = args.slice(0, -1) as Parameters<typeof action>;
          return fb(err instanceof Error ? err : new Error(String(err)), ...callArgs);
        });
      }
      return {
        name,
        fire: (...args) => cb.fire(...args) as Promise<Awaited<ReturnType<typeof action>>>,
        state: () => current,
        shutdown: () => cb.shutdown(),
      };
    },
  };
}
