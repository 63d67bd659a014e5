// A resource one test file starts before its tests and stops after them (a harness, a stack).
// The file holds it as a plain constant instead of a `let` filled by beforeAll and closed by
// afterAll in every file; a read before beforeAll has run throws, naming what was read.
import { afterAll, beforeAll } from 'vitest';

export interface SuiteOptions<T> {
  /** beforeAll's timeout, for resources that take long to start (a worker bundling). */
  timeoutMs?: number;
  /** What the file left behind that stopping the resource does not remove, run first. */
  cleanup?: (resource: T) => Promise<unknown>;
}

export function startedForSuite<T extends object>(
  start: () => Promise<T>,
  stop: (resource: T) => Promise<unknown>,
  opts: SuiteOptions<T> = {},
): T {
  let current: T | undefined;
  beforeAll(async () => {
    current = await start();
  }, opts.timeoutMs);
  afterAll(async () => {
    if (!current) return;
    await opts.cleanup?.(current);
    await stop(current);
  });
  return readThrough(() => {
    if (!current) throw new Error("read before the file's beforeAll started it");
    return current;
  });
}

/** Stands for what `current` returns at each read, so that a part of a resource can be named. */
export function readThrough<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get(_, prop) {
      // Not a promise: `await` and test reporters look for `then`.
      if (prop === 'then') return undefined;
      const target = current();
      return Reflect.get(target, prop, target);
    },
    set(_, prop, value) {
      return Reflect.set(current(), prop, value);
    },
  });
}
