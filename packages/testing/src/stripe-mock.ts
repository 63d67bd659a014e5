// stripe-mock (github.com/stripe/stripe-mock): Stripe's own HTTP API simulator, so tests drive the
// real stripe-node SDK. Found at $STRIPE_MOCK_PATH, else <repo>/.cache/bin/stripe-mock, else
// built there once with `go install` (the Go module proxy is reachable from CI and dev machines).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from './services.ts';

export const STRIPE_MOCK_VERSION = 'v0.203.0';
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface StripeMock {
  /** http://127.0.0.1:<port> — pass as the SDK's host/port/protocol (STRIPE_API_BASE_URL). */
  url: string;
  close(): Promise<void>;
}

async function withInstallLock<T>(dir: string, fn: () => T): Promise<T> {
  const lock = join(dir, '.stripe-mock.lock');
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('timed out waiting for the stripe-mock install');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return fn();
  } finally {
    rmdirSync(lock);
  }
}

export async function stripeMockBinary(): Promise<string> {
  if (process.env.STRIPE_MOCK_PATH) return process.env.STRIPE_MOCK_PATH;
  const bin = join(REPO_ROOT, '.cache', 'bin');
  const path = join(bin, 'stripe-mock');
  if (existsSync(path)) return path;
  mkdirSync(bin, { recursive: true });
  return withInstallLock(bin, () => {
    if (!existsSync(path))
      execFileSync('go', ['install', `github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}`], {
        env: { ...process.env, GOBIN: bin },
        stdio: 'inherit',
        timeout: 600_000,
      });
    return path;
  });
}

export async function startStripeMock(): Promise<StripeMock> {
  const binary = await stripeMockBinary();
  const port = await freePort();
  // Without an explicit HTTPS address stripe-mock also binds :12112 and exits when that is taken.
  const child = spawn(binary, ['-http-addr', `127.0.0.1:${port}`, '-https-addr', '127.0.0.1:'], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      const res = await fetch(`${url}/v1/balance`, {
        headers: { authorization: 'Bearer sk_test_123' },
      });
      return res.ok;
    },
    15_000,
    'stripe-mock',
  );
  return {
    url,
    close: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}
