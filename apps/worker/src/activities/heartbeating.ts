import { Context } from '@temporalio/activity';

/** How often a caller-path activity tells Temporal it is alive: well inside its heartbeat timeout. */
const BEAT_MS = 500;

/**
 * Runs an activity that a caller waits on while it heartbeats. When the worker running it dies,
 * Temporal notices at the activity's heartbeat timeout (seconds) instead of its start-to-close
 * timeout, and retries it on another worker while the caller is still on the line. Outside an
 * activity (a test calling the function itself) it just runs.
 */
export function heartbeating<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    let ctx: Context;
    try {
      ctx = Context.current();
    } catch {
      return fn(...args);
    }
    ctx.heartbeat();
    const beat = setInterval(() => ctx.heartbeat(), BEAT_MS);
    try {
      return await fn(...args);
    } finally {
      clearInterval(beat);
    }
  };
}
