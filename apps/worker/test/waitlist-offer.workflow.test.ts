import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { waitlistReplySignal, type WaitlistOfferView } from '@receptionist/booking-client/messages';
import { workflowBundle } from './harness.ts';
import { HOUR, MINUTE, timeSkippingEnv, timeSkippingWorker } from './time-skipping.ts';

/**
 * The waitlist offer workflow on the time-skipping server: the 15 minutes each caller has, and a
 * night of quiet hours, pass as timers the server skips. The waitlist is a list in memory; the
 * booking a YES makes is the real booking workflow, with its activities in memory too.
 */
let env: TestWorkflowEnvironment;
const tenantId = randomUUID();

// The workflow bundle is built once, before the first test's clock starts.
beforeAll(() => workflowBundle(), 120_000);

// A server per test: a booking left running by one test would hold the next one's clock.
beforeEach(async () => {
  env = await timeSkippingEnv();
}, 120_000);

afterEach(async () => {
  await env?.teardown();
});

interface Entry {
  id: string;
  phone: string;
}

/**
 * Activities over an in-memory line of callers. `onOffer` runs when an entry is texted (a
 * caller's reply arrives that way); `quietFirstMs` makes the first attempt fall in quiet hours.
 */
function waitlist(
  line: Entry[],
  opts: { onOffer?: (e: Entry, workflowId: string) => Promise<void>; quietFirstMs?: number } = {},
) {
  const log: { name: string; entryId?: string; bookingId?: string | null; atMs: number }[] = [];
  const holds: Record<string, unknown>[] = [];
  let quiet = opts.quietFirstMs ?? 0;
  const now = () => env.currentTimeMs();
  const activities = {
    describeFreedSlot: async () => ({
      day: '2026-06-02',
      service: 'Cleaning',
      resource: 'default',
      replyMs: 15 * MINUTE,
    }),
    offerFreedSlot: async (a: { exclude: string[]; workflowId: string }) => {
      if (quiet) {
        const waitMs = quiet;
        quiet = 0;
        log.push({ name: 'quiet', atMs: await now() });
        return { kind: 'quiet', waitMs };
      }
      const next = line.find((e) => !a.exclude.includes(e.id));
      if (!next) return { kind: 'none' };
      log.push({ name: 'offer', entryId: next.id, atMs: await now() });
      await opts.onOffer?.(next, a.workflowId);
      return { kind: 'offered', entryId: next.id, phone: next.phone, name: null, language: null };
    },
    settleWaitlistOffer: async (a: { entryId: string; bookingId: string | null }) => {
      log.push({ name: 'settle', entryId: a.entryId, bookingId: a.bookingId, atMs: await now() });
      return true;
    },
    waitlistBookingHeld: async (a: { bookingId: string }) =>
      holds.some((h) => h.bookingId === a.bookingId) ? 'held' : 'pending',
    // The booking workflow the YES starts: it holds the slot, then waits for the visit.
    prepareBooking: async () => ({
      contactId: 'c1',
      depositDue: false,
      holdTimeoutMs: 15 * MINUTE,
      paymentReminderBeforeMs: 5 * MINUTE,
      reminderOffsetsMs: [],
      followUpDelayMs: 2 * HOUR,
    }),
    holdSlot: async (a: Record<string, unknown>) => {
      holds.push(a);
      return { startsAt: a.startsAt, endsAt: a.endsAt };
    },
    confirmBooking: async () => undefined,
    sendBookingText: async () => ({ status: 'queued' }),
  };
  return { activities, log, holds };
}

async function offer(w: ReturnType<typeof waitlist>): Promise<WaitlistOfferView> {
  const taskQueue = `waitlist-${randomUUID()}`;
  const worker = await timeSkippingWorker(env, taskQueue, w.activities);
  const startsAt = new Date((await env.currentTimeMs()) + 2 * 24 * HOUR).toISOString();
  return worker.runUntil(
    env.client.workflow.execute('waitlistOfferWorkflow', {
      taskQueue,
      workflowId: `waitlist-${tenantId}-default-${startsAt}-${randomUUID()}`,
      args: [
        {
          tenantId,
          bookingId: randomUUID(),
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + 30 * MINUTE).toISOString(),
        },
      ],
    }),
  );
}

const yes = (workflowId: string, entryId: string, t = tenantId) =>
  env.client.workflow
    .getHandle(workflowId)
    .signal(waitlistReplySignal, { tenantId: t, entryId, messageSid: `SM${randomUUID()}` });

describe('waitlist offer workflow', { timeout: 120_000 }, () => {
  it('passes the slot to the next caller after 15 minutes of silence, who books it', async () => {
    const a = { id: randomUUID(), phone: '+14155550101' };
    const b = { id: randomUUID(), phone: '+14155550102' };
    const w = waitlist([a, b], {
      onOffer: async (e, workflowId) => {
        if (e.id === b.id) await yes(workflowId, b.id);
      },
    });
    const view = await offer(w);
    expect(view.outcome).toBe('booked');
    expect(view.passed).toEqual([a.id]);
    const [offerA, lapseA, offerB, bookB] = w.log;
    expect([offerA!.entryId, lapseA!.entryId, lapseA!.bookingId]).toEqual([a.id, a.id, null]);
    expect(offerB!.atMs - offerA!.atMs).toBeGreaterThanOrEqual(15 * MINUTE);
    expect(offerB!.entryId).toBe(b.id);
    expect(bookB).toMatchObject({ name: 'settle', entryId: b.id, bookingId: view.bookingId });
    // Booked through the booking workflow, for the caller who said YES, on the freed slot.
    expect(w.holds).toHaveLength(1);
    expect(w.holds[0]).toMatchObject({
      bookingId: view.bookingId,
      contactPhone: b.phone,
      service: 'Cleaning',
    });
  });

  it('books once under concurrent YES replies, and only for the caller offered', async () => {
    const a = { id: randomUUID(), phone: '+14155550111' };
    const b = { id: randomUUID(), phone: '+14155550112' };
    const w = waitlist([a, b], {
      onOffer: async (e, workflowId) => {
        // B was never offered this slot; A answers five times at once; another tenant too.
        await Promise.all([
          ...Array.from({ length: 5 }, () => yes(workflowId, e.id)),
          ...Array.from({ length: 3 }, () => yes(workflowId, b.id)),
          yes(workflowId, e.id, randomUUID()),
        ]);
      },
    });
    const view = await offer(w);
    expect(view.outcome).toBe('booked');
    expect(w.holds).toHaveLength(1);
    expect(w.holds[0]!.contactPhone).toBe(a.phone);
    expect(w.log.filter((l) => l.name === 'offer').map((l) => l.entryId)).toEqual([a.id]);
  });

  it('waits out the quiet hours before texting the offer', async () => {
    const a = { id: randomUUID(), phone: '+14155550121' };
    const w = waitlist([a], { quietFirstMs: 9 * HOUR });
    const view = await offer(w);
    // Nobody answered: the line is exhausted and the slot stays free.
    expect(view.outcome).toBe('no_one_waiting');
    const [quiet, offered] = w.log;
    expect(offered!.atMs - quiet!.atMs).toBeGreaterThanOrEqual(9 * HOUR);
    expect(w.holds).toHaveLength(0);
  });
});
