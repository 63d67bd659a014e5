// The process as scripts/dev.sh runs it: its config guards, and the state file that keeps a
// texted link working across a restart.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { stripeClientOptions } from '@receptionist/integrations/stripe';
import { freePort } from '@receptionist/testing';
import { startSandboxProcess, stopSandboxProcess } from '../test/sandbox-process.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const stateDir = mkdtempSync(join(tmpdir(), 'payments-sandbox-'));
const baseEnv = {
  PATH: process.env.PATH ?? '',
  STRIPE_WEBHOOK_SECRET: 'whsec_process_test',
  // Nothing listens there: deliveries fail, which these tests do not look at.
  PAYMENTS_SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/stripe',
  PAYMENTS_SANDBOX_WEBHOOK_ATTEMPTS: '1',
  LOG_LEVEL: 'silent',
};

const running: ChildProcess[] = [];
async function start(env: Record<string, string>, url: string): Promise<ChildProcess> {
  const proc = await startSandboxProcess(env, url);
  running.push(proc);
  return proc;
}
const stop = stopSandboxProcess;

afterAll(async () => {
  await Promise.all(running.map(stop));
  rmSync(stateDir, { recursive: true, force: true });
});

describe('the payments sandbox process', () => {
  it('keeps its sessions across a restart with a state file', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      ...baseEnv,
      PAYMENTS_SANDBOX_PORT: String(port),
      PAYMENTS_SANDBOX_STATE_FILE: join(stateDir, 'state.json'),
    };
    const stripe = new Stripe('sk_test_local_sandbox', stripeClientOptions(url));
    const first = await start(env, url);
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      success_url: 'http://localhost:3000/ok',
      line_items: [
        {
          quantity: 1,
          price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Deposit' } },
        },
      ],
    });
    await stop(first);
    await start(env, url);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    const page = await fetch(session.url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Pay $25 deposit (test)');
  });

  it('refuses to start in production or without the webhook secret', () => {
    const prod = spawnSync(process.execPath, [MAIN], {
      env: { ...baseEnv, NODE_ENV: 'production', PAYMENTS_SANDBOX_PORT: '0' },
      encoding: 'utf8',
    });
    expect(prod.status).toBe(1);
    expect(prod.stderr).toContain('NODE_ENV is production');
    const { STRIPE_WEBHOOK_SECRET: _s, ...noSecret } = baseEnv;
    const bare = spawnSync(process.execPath, [MAIN], {
      env: { ...noSecret, PAYMENTS_SANDBOX_PORT: '0' },
      encoding: 'utf8',
    });
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain('STRIPE_WEBHOOK_SECRET is required');
  });
});
