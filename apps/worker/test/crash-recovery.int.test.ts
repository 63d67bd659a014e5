import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@receptionist/testing';
import { kinds, startHarness, waitForPhase, type Harness } from './harness.ts';

let h: Harness;
let bundlePath: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  h = await startHarness('crash');
  bundlePath = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'workflow-bundle.js');
  writeFileSync(bundlePath, h.bundle.code);
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await h?.close();
});

async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [new URL('./worker.process.ts', import.meta.url).pathname],
    {
      env: {
        ...process.env,
        DATABASE_URL: h.db.url,
        TASK_QUEUE: h.taskQueue,
        WORKFLOW_BUNDLE_PATH: bundlePath,
        STRIPE_API_BASE_URL: h.stripeMock.url,
        CALCOM_API_BASE_URL: h.calcom.url,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  await waitFor(async () => out.includes('ready'), 30_000, 'worker process');
  return child;
}

describe('a worker killed in the middle of a booking', () => {
  it('is replaced and the booking finishes exactly once', async () => {
    const first = await startWorkerProcess();
    const tenant = await h.makeTenant({ depositRequired: true, depositAmountMinor: 4000 });
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: new Date(Date.now() + 48 * 3600_000),
      contactPhone: h.phone(),
    });
    await waitForPhase(h, tenant.id, bookingId, ['awaiting_payment']);
    // The payment lands and the worker dies while it is acting on it.
    await h.bookings.paymentSucceeded(tenant.id, bookingId, {
      eventId: 'evt_crash',
      paymentIntentId: 'pi_crash',
    });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    await startWorkerProcess();
    await waitForPhase(h, tenant.id, bookingId, ['confirmed'], 60_000);
    await waitFor(async () => kinds(await h.texts(tenant.id), bookingId).includes('confirmed'));

    expect(kinds(await h.texts(tenant.id), bookingId)).toEqual(['payment_link', 'confirmed']);
    const bookings = await h.db.pool.query(`SELECT status FROM bookings WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(bookings.rows).toEqual([{ status: 'confirmed' }]);
    const payments = await h.db.pool.query(
      `SELECT status, checkout_session_id FROM payments WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(payments.rows).toHaveLength(1);
    expect(payments.rows[0].status).toBe('succeeded');
  }, 90_000);
});
