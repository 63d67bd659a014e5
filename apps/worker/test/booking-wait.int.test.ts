// How a caller's wait for a booking rides out a worker that is not there for a moment (the one
// the workflow ran on stopped, the other has not taken it yet): the status queries that fail
// meanwhile are asked again, and the outcome arrives once a worker answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BookingNotSettledError,
  createWorkflowBookingGateway,
} from '@receptionist/agent/booking/workflow-gateway';
import { createBookingClient } from '@receptionist/booking-client';
import type { Db } from '@receptionist/db';
import { waitFor } from '@receptionist/testing';
import { kinds, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  // No worker yet: the tests start one when they want the workflow to move.
  h = await startHarness('booking-wait');
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('waiting for a booking outcome', () => {
  it('calls off a deposit booking whose status no worker gave while the caller waited: no link texted', async () => {
    const tenant = await h.makeTenant({ depositRequired: true, depositAmountMinor: 2500 });
    await h.db.pool.query('UPDATE tenants SET services = $2 WHERE id = $1', [
      tenant.id,
      JSON.stringify([{ name: 'Cleaning', durationMinutes: 30 }]),
    ]);
    const real = createBookingClient({ client: h.client, taskQueue: h.taskQueue, deadlineMs: 300 });
    // Temporal does not take the first call-off either: it is tried again behind the apology.
    let callOffs = 0;
    const gateway = createWorkflowBookingGateway({
      db: h.db.pool as unknown as Db,
      calendars: { for: () => ({}) as never },
      bookingClient: {
        ...real,
        async callOffBooking(...args) {
          callOffs += 1;
          if (callOffs === 1) throw new Error('4 DEADLINE_EXCEEDED: Deadline exceeded');
          return real.callOffBooking(...args);
        },
      },
      waitMs: 1_000,
    });
    const failed = await gateway
      .book(tenant.id, {
        contactPhone: h.phone(),
        name: 'Mary',
        service: 'Cleaning',
        startsAt: new Date(Date.now() + 86_400_000),
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(failed).toBeInstanceOf(BookingNotSettledError);
    const { bookingId, phase } = failed as BookingNotSettledError;
    expect(phase).toMatch(/^status unknown: /);
    expect(callOffs).toBe(1);
    await waitFor(async () => callOffs >= 2, 10_000, 'the call-off tried again');
    // A worker comes back: the call-off is already in the workflow, so it never books.
    const worker = await h.startWorker();
    await waitFor(
      async () => (await h.bookings.getBookingStatus(tenant.id, bookingId))?.phase === 'cancelled',
      15_000,
      'the called-off booking cancelled',
    );
    expect(kinds(await h.texts(tenant.id), bookingId)).toEqual([]);
    const { rows } = await h.db.pool.query(
      `SELECT status FROM bookings WHERE tenant_id = $1 AND id = $2`,
      [tenant.id, bookingId],
    );
    expect(rows.map((r) => r.status)).not.toContain('pending_payment');
    await h.saveHistory(bookingId, 'called-off-before-checkout');
    await worker.stop();
  }, 60_000);

  it('keeps asking through failed queries and returns the outcome once a worker answers', async () => {
    const tenant = await h.makeTenant();
    // Short request deadlines, so that queries to a workflow no worker has run fail quickly.
    const bookings = createBookingClient({
      client: h.client,
      taskQueue: h.taskQueue,
      deadlineMs: 400,
    });
    const { bookingId } = await bookings.startBooking({
      tenantId: tenant.id,
      startsAt: new Date(Date.now() + 86_400_000),
      contactPhone: h.phone(),
    });
    await expect(bookings.getBookingStatus(tenant.id, bookingId)).rejects.toThrow();
    // A task taken by a worker that dies comes back in 3 s, within the caller's wait.
    const { raw } = await h.client.workflow.getHandle(`booking-${bookingId}`).describe();
    expect(Number(raw.executionConfig?.defaultWorkflowTaskTimeout?.seconds)).toBe(3);
    const waiting = bookings.waitForOutcome(tenant.id, bookingId, 20_000);
    await new Promise((r) => setTimeout(r, 1_500));
    // Stopped by the harness's close.
    await h.startWorker();
    expect((await waiting)?.phase).toBe('confirmed');
  }, 60_000);

  it('gives up with the failure when no worker answers for the whole wait', async () => {
    const tenant = await h.makeTenant();
    const bookings = createBookingClient({
      client: h.client,
      taskQueue: `${h.taskQueue}-unpolled`,
      deadlineMs: 300,
    });
    const { bookingId } = await bookings.startBooking({
      tenantId: tenant.id,
      startsAt: new Date(Date.now() + 86_400_000),
      contactPhone: h.phone(),
    });
    await expect(bookings.waitForOutcome(tenant.id, bookingId, 1_500)).rejects.toThrow();
    await h.client.workflow.getHandle(`booking-${bookingId}`).terminate('test over');
  }, 30_000);
});
