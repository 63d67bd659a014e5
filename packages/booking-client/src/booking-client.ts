/**
 * How other processes (agent, backend webhooks, admin API) drive bookings:
 *
 *   import { createBookingClient } from '@receptionist/booking-client';
 *   const bookings = createBookingClient({ client, taskQueue: config.TEMPORAL_TASK_QUEUE });
 *   const { bookingId } = await bookings.startBooking({ tenantId, startsAt, contactPhone });
 *   await bookings.getBookingStatus(tenantId, bookingId);  // BookingStatusView | null
 *   await bookings.cancelBooking(tenantId, bookingId, 'caller asked');
 *   await bookings.rescheduleBooking(tenantId, bookingId, new Date('2026-06-08T15:00:00Z'));
 *
 * Workflow ids are booking-<bookingId>, so starting the same booking twice is harmless and a
 * webhook can address a booking knowing only its id. Every call names the tenant; a booking of
 * another tenant answers as if it did not exist.
 */
import { randomUUID } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
} from '@temporalio/client';
import {
  attendanceSignal,
  bookingWorkflowId,
  cancelSignal,
  paymentFailedSignal,
  paymentSucceededSignal,
  rescheduleSignal,
  statusQuery,
  type BookingInput,
  type BookingStatusView,
  type CancelRequest,
  type RescheduleRequest,
} from './messages.ts';

export type { BookingInput, BookingStatusView, BookingPhase } from './messages.ts';
export { bookingWorkflowId } from './messages.ts';

export interface StartBookingRequest extends Omit<
  BookingInput,
  'bookingId' | 'startsAt' | 'endsAt'
> {
  /** Give one to make the start idempotent across your own retries; generated otherwise. */
  bookingId?: string;
  startsAt: Date | string;
  endsAt?: Date | string;
}

const iso = (d: Date | string) =>
  typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();

export interface BookingClient {
  startBooking(
    req: StartBookingRequest,
  ): Promise<{ bookingId: string; workflowId: string; alreadyStarted: boolean }>;
  getBookingStatus(tenantId: string, bookingId: string): Promise<BookingStatusView | null>;
  /** Resolves when the booking has left the hold/payment phase (confirmed, expired, taken...). */
  waitForOutcome(
    tenantId: string,
    bookingId: string,
    timeoutMs?: number,
  ): Promise<BookingStatusView | null>;
  cancelBooking(
    tenantId: string,
    bookingId: string,
    reason: string,
    source?: CancelRequest['source'],
  ): Promise<boolean>;
  /**
   * Calls off a booking this process started for the tenant moments ago, without asking its
   * status first: that query needs a worker, the signal only Temporal, and a caller about to
   * hear "it could not be booked" must not be booked after all because a worker was away. The
   * workflow drops a signal with another tenant's id. False when no such workflow runs.
   */
  callOffBooking(tenantId: string, bookingId: string, reason: string): Promise<boolean>;
  rescheduleBooking(
    tenantId: string,
    bookingId: string,
    newStart: Date,
    opts?: { newEnd?: Date; externalId?: string; source?: RescheduleRequest['source'] },
  ): Promise<boolean>;
  markNoShow(tenantId: string, bookingId: string): Promise<boolean>;
  /** The business says the caller came (or did not): the workflow records it once confirmed. */
  reportAttendance(tenantId: string, bookingId: string, attended: boolean): Promise<boolean>;
  paymentSucceeded(
    tenantId: string,
    bookingId: string,
    p: { eventId: string; paymentIntentId: string | null },
  ): Promise<boolean>;
  paymentFailed(
    tenantId: string,
    bookingId: string,
    p: { eventId: string; reason?: string; final?: boolean },
  ): Promise<boolean>;
}

/**
 * Each request to Temporal is bounded: an unreachable server otherwise keeps the client retrying
 * for many seconds, past the time a caller waits on the line.
 */
const REQUEST_DEADLINE_MS = 4_000;
/** A booking's workflow tasks take milliseconds; one not done in this is retried elsewhere. */
const BOOKING_TASK_TIMEOUT = '3 seconds';

export function createBookingClient(deps: {
  client: Client;
  taskQueue: string;
  deadlineMs?: number;
}): BookingClient {
  const bounded = <T>(fn: () => Promise<T>) =>
    deps.client.withDeadline(Date.now() + (deps.deadlineMs ?? REQUEST_DEADLINE_MS), fn);
  const handle = (bookingId: string) =>
    deps.client.workflow.getHandle(bookingWorkflowId(bookingId));

  /** Signals a running booking of this tenant; false when there is none to signal. */
  async function signal(
    tenantId: string,
    bookingId: string,
    send: (h: ReturnType<typeof handle>) => Promise<void>,
  ): Promise<boolean> {
    const status = await getBookingStatus(tenantId, bookingId);
    if (!status) return false;
    try {
      await bounded(() => send(handle(bookingId)));
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }

  async function getBookingStatus(
    tenantId: string,
    bookingId: string,
  ): Promise<BookingStatusView | null> {
    try {
      const s = await bounded(() => handle(bookingId).query(statusQuery));
      return s.tenantId === tenantId ? s : null;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }

  return {
    async startBooking(req) {
      const bookingId = req.bookingId ?? randomUUID();
      const workflowId = bookingWorkflowId(bookingId);
      const input: BookingInput = {
        ...req,
        bookingId,
        startsAt: iso(req.startsAt),
        endsAt: req.endsAt ? iso(req.endsAt) : undefined,
      };
      try {
        await bounded(() =>
          deps.client.workflow.start('bookingWorkflow', {
            workflowId,
            taskQueue: deps.taskQueue,
            args: [input],
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
            // A caller waits on the first steps. A task handed to a worker that has just died
            // (killed, or its box lost) comes back after this, not after Temporal's 10 s.
            workflowTaskTimeout: BOOKING_TASK_TIMEOUT,
          }),
        );
        return { bookingId, workflowId, alreadyStarted: false };
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError)
          return { bookingId, workflowId, alreadyStarted: true };
        throw err;
      }
    },

    getBookingStatus,

    async waitForOutcome(tenantId, bookingId, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let last: BookingStatusView | null = null;
      for (;;) {
        // A query fails while the workflow moves to another worker (the one it was cached on
        // stopped; Temporal gives up on that worker's queue and the next query goes to the
        // shared one) or Temporal is slow for a moment: asked again until the wait is over.
        const asked = await getBookingStatus(tenantId, bookingId).then(
          (s) => ({ s, err: null }),
          (err: unknown) => ({ s: null, err }),
        );
        if (asked.err === null) {
          last = asked.s;
          if (last && !['holding', 'confirming'].includes(last.phase)) return last;
        }
        if (Date.now() > deadline) {
          if (asked.err !== null && last === null) throw asked.err;
          return last;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },

    cancelBooking: (tenantId, bookingId, reason, source = 'caller') =>
      signal(tenantId, bookingId, (h) =>
        h.signal(cancelSignal, { tenantId, reason, source, requestedAt: new Date().toISOString() }),
      ),

    async callOffBooking(tenantId, bookingId, reason) {
      const cancel = { tenantId, reason, source: 'caller' as const };
      try {
        await bounded(() =>
          handle(bookingId).signal(cancelSignal, {
            ...cancel,
            requestedAt: new Date().toISOString(),
          }),
        );
        return true;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return false;
        throw err;
      }
    },

    rescheduleBooking: (tenantId, bookingId, newStart, opts = {}) =>
      signal(tenantId, bookingId, (h) =>
        h.signal(rescheduleSignal, {
          tenantId,
          startsAt: newStart.toISOString(),
          endsAt: opts.newEnd?.toISOString(),
          externalId: opts.externalId,
          source: opts.source ?? 'caller',
        }),
      ),

    markNoShow: (tenantId, bookingId) =>
      signal(tenantId, bookingId, (h) => h.signal(attendanceSignal, { tenantId, attended: false })),

    reportAttendance: (tenantId, bookingId, attended) =>
      signal(tenantId, bookingId, (h) => h.signal(attendanceSignal, { tenantId, attended })),

    paymentSucceeded: (tenantId, bookingId, p) =>
      signal(tenantId, bookingId, (h) => h.signal(paymentSucceededSignal, { tenantId, ...p })),

    paymentFailed: (tenantId, bookingId, p) =>
      signal(tenantId, bookingId, (h) => h.signal(paymentFailedSignal, { tenantId, ...p })),
  };
}
