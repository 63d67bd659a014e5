// What the voice benches share: the backend, agent and worker started as real processes, and the
// simulated caller who places a call through the signed Twilio webhooks. One copy, so that the
// stack bench and the voice bench measure the same call the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { DEMO_TENANT } from '@receptionist/db';
import { freePort } from '@receptionist/testing';

export type StackApp = 'backend' | 'agent' | 'worker';

/** The Twilio auth token the benches' backend checks the simulated callers' signatures with. */
export const BENCH_TWILIO_TOKEN = 'bench-twilio-token';

export interface StackApps {
  procs: Record<StackApp, ChildProcess>;
  /** The backend's base URL, which is also what Twilio signs. */
  base: string;
}

/**
 * Starts the backend, agent and worker from their sources, in production mode on free ports, on
 * databaseUrl, and waits until each answers /ready (up to maxWaitMs). env adds or overrides
 * variables (the brain, Redis, Temporal); flags(app) adds node flags, e.g. a CPU profile. When
 * one never becomes ready all three are stopped.
 */
export async function startStackApps(opts: {
  root: string;
  databaseUrl: string;
  poolMax: number;
  /** Redis keys and the Temporal task queue are this run's own. */
  runId: string;
  env: NodeJS.ProcessEnv;
  maxWaitMs: number;
  flags?: (app: StackApp) => string[];
}): Promise<StackApps> {
  const apps: StackApp[] = ['backend', 'agent', 'worker'];
  const ports = { backend: await freePort(), agent: await freePort(), worker: await freePort() };
  const base = `http://127.0.0.1:${ports.backend}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    DATABASE_URL: opts.databaseUrl,
    DATABASE_POOL_MAX: String(opts.poolMax),
    REDIS_KEY_PREFIX: `bench:${opts.runId}:`,
    TEMPORAL_TASK_QUEUE: `bench-${opts.runId}`,
    PUBLIC_BASE_URL: base,
    TWILIO_AUTH_TOKEN: BENCH_TWILIO_TOKEN,
    BACKEND_PORT: String(ports.backend),
    AGENT_PORT: String(ports.agent),
    WORKER_HTTP_PORT: String(ports.worker),
    AGENT_URL: `http://127.0.0.1:${ports.agent}`,
    AGENT_TIMEOUT_MS: '10000',
    // Production mode requires the agent's shared secret on both sides.
    AGENT_SHARED_SECRET: 'bench-agent-shared-secret-0123456789abcdef',
    ...opts.env,
  };
  const procs = Object.fromEntries(
    apps.map((app) => [
      app,
      spawn(process.execPath, [...(opts.flags?.(app) ?? []), 'src/main.ts'], {
        cwd: `${opts.root}apps/${app}`,
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    ]),
  ) as Record<StackApp, ChildProcess>;
  const ready = async (url: string) => {
    for (let waited = 0; waited < opts.maxWaitMs; waited += 200) {
      if ((await fetch(url).catch(() => null))?.ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${url} never became ready`);
  };
  try {
    await Promise.all(apps.map((app) => ready(`http://127.0.0.1:${ports[app]}/ready`)));
  } catch (err) {
    for (const p of Object.values(procs)) p.kill('SIGTERM');
    throw err;
  }
  return { procs, base };
}

/** The p-th percentile of xs (NaN when empty). */
export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export interface CallerOptions {
  /** The backend's base URL, which is also what Twilio signs. */
  base: string;
  /** Caller numbers are +1415 then this plus the call's sequence number. */
  firstNumber: number;
  turnsPerCall: number;
  /** What the caller says on turn t. */
  line: (t: number) => string;
  /** Before each turn, a pause of 0.5 to 1.5 times this (none when 0). */
  pauseMs?: number;
}

/** Counts of one run: turns answered with the holding phrase (a <Redirect>). */
export interface CallCounts {
  holding: number;
}

/**
 * A simulated caller: the incoming call, turnsPerCall speech turns, the completed status
 * callback. Each turn's webhook round trip in ms is pushed to turnTimes; a reply that is not
 * TwiML or not 2xx fails the call.
 */
export function simulatedCaller(opts: CallerOptions) {
  const post = async (path: string, params: Record<string, string>): Promise<string> => {
    const url = `${opts.base}${path}`;
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(BENCH_TWILIO_TOKEN, url, params),
      },
      body: new URLSearchParams(params),
    });
    const body = await res.text();
    if (!res.ok || !body.includes('<Response')) throw new Error(`${res.status} ${path}`);
    return body;
  };
  let callerSeq = 0;
  return async function simulatedCall(turnTimes: number[], counts: CallCounts): Promise<void> {
    const n = callerSeq++;
    const params = {
      CallSid: `CA${randomBytes(16).toString('hex')}`,
      From: `+1415${String(opts.firstNumber + n).padStart(7, '0')}`,
      To: DEMO_TENANT.phoneNumber,
      AccountSid: `AC${'0'.repeat(32)}`,
    };
    await post('/twilio/voice', { ...params, CallStatus: 'ringing' });
    for (let t = 0; t < opts.turnsPerCall; t++) {
      if (opts.pauseMs)
        await new Promise((r) => setTimeout(r, opts.pauseMs! * (0.5 + Math.random())));
      const started = performance.now();
      const twiml = await post('/twilio/voice/turn', {
        ...params,
        CallStatus: 'in-progress',
        SpeechResult: opts.line(t),
        Confidence: '0.91',
      });
      turnTimes.push(performance.now() - started);
      if (twiml.includes('<Redirect')) counts.holding += 1;
    }
    await post('/twilio/voice/status', { ...params, CallStatus: 'completed', CallDuration: '30' });
  };
}
