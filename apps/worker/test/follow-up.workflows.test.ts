import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import {
  attendanceSignal,
  bookingWorkflowId,
  type BookingInput,
} from '@receptionist/booking-client/messages';
import { HOUR, MINUTE, timeSkippingEnv, timeSkippingWorker } from './time-skipping.ts';

/**
 * The no-show and review request workflows and the booking workflow's hand-over to them, on the
 * time-skipping server: the grace after the visit and the quiet-hours waits are real timers
 * that the server skips, with activities recorded in memory.
 */
let env: TestWorkflowEnvironment;
const tenantId = randomUUID();

interface Call {
  name: string;
  arg: Record<string, unknown>;
  atMs: number;
}

function recorder() {
  const calls: Call[] = [];
  const record =
    <T>(name: string, answer: (arg: Record<string, unknown>) => T) =>
    async (arg: Record<string, unknown>): Promise<T> => {
      calls.push({ name, arg, atMs: await env.currentTimeMs() });
      return answer(arg);
    };
  return { calls, record, names: () => calls.map((c) => c.name) };
}

async function withWorker<T>(
  activities: Record<string, (arg: Record<string, unknown>) => Promise<unknown>>,
  fn: (taskQueue: string) => Promise<T>,
): Promise<T> {
  const taskQueue = `follow-ups-${randomUUID()}`;
  const worker: Worker = await timeSkippingWorker(env, taskQueue, activities);
  return worker.runUntil(fn(taskQueue));
}

beforeAll(async () => {
  env = await timeSkippingEnv();
}, 120_000);

afterAll(async () => {
  await env?.teardown();
});

describe('no-show workflow', { timeout: 120_000 }, () => {
  it('marks the no-show, applies the deposit rule and texts after the quiet hours', async () => {
    const r = recorder();
    const result = await withWorker(
      {
        recordNoShow: r.record('recordNoShow', () => true),
        applyNoShowDeposit: r.record('applyNoShowDeposit', () => ({
          policy: 'refund',
          refundedMinor: 2500,
        })),
        followUpTextWait: r.record('followUpTextWait', () => 9 * HOUR),
        sendNoShowRebook: r.record('sendNoShowRebook', () => ({ status: 'queued' })),
      },
      (taskQueue) =>
        env.client.workflow.execute('noShowWorkflow', {
          taskQueue,
          workflowId: `no-show-${randomUUID()}`,
          args: [{ tenantId, bookingId: 'b1', startsAt: '2026-06-02T14:00:00.000Z' }],
        }),
    );
    expect(result).toEqual({
      noShow: true,
      deposit: 'refund',
      refundedMinor: 2500,
      text: 'queued',
    });
    expect(r.names()).toEqual([
      'recordNoShow',
      'applyNoShowDeposit',
      'followUpTextWait',
      'sendNoShowRebook',
    ]);
    const [wait, send] = [r.calls[2]!, r.calls[3]!];
    expect(send.atMs - wait.atMs).toBeGreaterThanOrEqual(9 * HOUR);
  });

  it('does nothing for a booking that was moved or marked attended meanwhile', async () => {
    const r = recorder();
    const result = await withWorker(
      {
        recordNoShow: r.record('recordNoShow', () => false),
        applyNoShowDeposit: r.record('applyNoShowDeposit', () => ({})),
        followUpTextWait: r.record('followUpTextWait', () => 0),
        sendNoShowRebook: r.record('sendNoShowRebook', () => ({ status: 'queued' })),
      },
      (taskQueue) =>
        env.client.workflow.execute('noShowWorkflow', {
          taskQueue,
          workflowId: `no-show-${randomUUID()}`,
          args: [{ tenantId, bookingId: 'b2', startsAt: '2026-06-02T14:00:00.000Z' }],
        }),
    );
    expect(result.noShow).toBe(false);
    expect(r.names()).toEqual(['recordNoShow']);
  });
});

describe('review request workflow', { timeout: 120_000 }, () => {
  it('waits out the quiet hours, then sends', async () => {
    const r = recorder();
    const status = await withWorker(
      {
        planReviewRequest: r.record('planReviewRequest', () => ({ waitMs: 10 * HOUR })),
        sendReviewRequest: r.record('sendReviewRequest', () => ({ status: 'sent' })),
      },
      (taskQueue) =>
        env.client.workflow.execute('reviewRequestWorkflow', {
          taskQueue,
          workflowId: `review-request-${randomUUID()}`,
          args: [{ tenantId, bookingId: 'b3', startsAt: '2026-06-02T14:00:00.000Z' }],
        }),
    );
    expect(status).toBe('sent');
    expect(r.calls[1]!.atMs - r.calls[0]!.atMs).toBeGreaterThanOrEqual(10 * HOUR);
  });

  it('sends nothing when the plan says why not', async () => {
    const r = recorder();
    const status = await withWorker(
      {
        planReviewRequest: r.record('planReviewRequest', () => ({ skip: 'asked_recently' })),
        sendReviewRequest: r.record('sendReviewRequest', () => ({ status: 'sent' })),
      },
      (taskQueue) =>
        env.client.workflow.execute('reviewRequestWorkflow', {
          taskQueue,
          workflowId: `review-request-${randomUUID()}`,
          args: [{ tenantId, bookingId: 'b4', startsAt: '2026-06-02T14:00:00.000Z' }],
        }),
    );
    expect(status).toBe('skipped_asked_recently');
    expect(r.names()).toEqual(['planReviewRequest']);
  });
});

describe('booking workflow after the visit', { timeout: 120_000 }, () => {
  /** The booking's own activities answered in memory; `settle` decides the visit's outcome. */
  function bookingActivities(r: ReturnType<typeof recorder>, settle: 'completed' | 'no_show') {
    return {
      prepareBooking: r.record('prepareBooking', () => ({
        contactId: 'c1',
        depositDue: false,
        holdTimeoutMs: 15 * MINUTE,
        paymentReminderBeforeMs: 5 * MINUTE,
        reminderOffsetsMs: [24 * HOUR, 2 * HOUR],
        followUpDelayMs: 2 * HOUR,
      })),
      holdSlot: r.record('holdSlot', (a) => ({ startsAt: a.startsAt, endsAt: a.endsAt })),
      confirmBooking: r.record('confirmBooking', () => undefined),
      recordAttendance: r.record('recordAttendance', () => undefined),
      sendBookingText: r.record('sendBookingText', () => ({ status: 'queued' })),
      settleAppointment: r.record('settleAppointment', () => settle),
      recordNoShow: r.record('recordNoShow', () => true),
      applyNoShowDeposit: r.record('applyNoShowDeposit', () => ({
        policy: 'forfeit',
        refundedMinor: 0,
      })),
      followUpTextWait: r.record('followUpTextWait', () => 0),
      sendNoShowRebook: r.record('sendNoShowRebook', () => ({ status: 'queued' })),
      planReviewRequest: r.record('planReviewRequest', () => ({ waitMs: 0 })),
      sendReviewRequest: r.record('sendReviewRequest', () => ({ status: 'queued' })),
    };
  }

  async function book(
    r: ReturnType<typeof recorder>,
    settle: 'completed' | 'no_show',
    during?: (workflowId: string) => Promise<void>,
  ) {
    const now = await env.currentTimeMs();
    const startsAt = new Date(now + 3 * 24 * HOUR).toISOString();
    const input: BookingInput = {
      tenantId,
      bookingId: randomUUID(),
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 30 * MINUTE).toISOString(),
      contactPhone: '+14155550100',
    };
    return withWorker(bookingActivities(r, settle), async (taskQueue) => {
      const handle = await env.client.workflow.start('bookingWorkflow', {
        taskQueue,
        workflowId: bookingWorkflowId(input.bookingId),
        args: [input],
      });
      await during?.(handle.workflowId);
      return { input, result: await handle.result() };
    });
  }

  it('settles an unmarked visit two hours after its end and runs the no-show workflow', async () => {
    const r = recorder();
    const { input, result } = await book(r, 'no_show');
    expect(result.phase).toBe('no_show');
    const settle = r.calls.find((c) => c.name === 'settleAppointment')!;
    expect(settle.arg).toMatchObject({ startsAt: input.startsAt, attended: null });
    expect(settle.atMs).toBeGreaterThanOrEqual(Date.parse(input.endsAt!) + 2 * HOUR);
    expect(r.names().slice(-4)).toEqual([
      'recordNoShow',
      'applyNoShowDeposit',
      'followUpTextWait',
      'sendNoShowRebook',
    ]);
    expect(r.names()).not.toContain('planReviewRequest');
  });

  it("passes staff's attendance mark to the settling and asks for a review", async () => {
    const r = recorder();
    const { result } = await book(r, 'completed', async (workflowId) => {
      await env.client.workflow
        .getHandle(workflowId)
        .signal(attendanceSignal, { tenantId, attended: true });
    });
    expect(result.phase).toBe('completed');
    expect(r.calls.find((c) => c.name === 'settleAppointment')!.arg.attended).toBe(true);
    expect(r.names().slice(-2)).toEqual(['planReviewRequest', 'sendReviewRequest']);
    expect(r.names()).not.toContain('recordNoShow');
    // The two reminders still go out before the visit.
    expect(r.calls.filter((c) => c.arg.kind === 'reminder')).toHaveLength(2);
  });
});
