import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createBookingClient } from '@receptionist/booking-client';
import { beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { insertBooking, setBookingStatus } from '@receptionist/db';
import { createLogger, createMetrics } from '@receptionist/observability';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { useAdmin } from '../../test/admin-harness.ts';
import { insertLiveBooking } from '../../test/admin-fixtures.ts';
import { bookingWorkflowId, createBookingCommands } from './booking-commands.ts';

/**
 * The booking workflow belongs to the bookings service; here a small workflow of the test's own
 * (test/booking-double.workflow.ts) runs under the booking's workflow id on the real Temporal
 * server, answers the booking client's tenant check and records the signals it receives.
 */
const h = useAdmin({
  cleanup: async () => {
    for (const id of started) {
      await h.temporal.workflow
        .getHandle(id)
        .terminate('test finished')
        .catch(() => undefined);
    }
    worker?.shutdown();
    await running;
    await nativeConnection?.close();
  },
});
let tenantId: string;
let otherTenantId: string;
let admin: string;
let nativeConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `admin-bookings-${randomUUID()}`;
const started: string[] = [];

async function startBookingWorkflow(bookingId: string, owner: string) {
  const handle = await h.temporal.workflow.start('bookingWorkflowDouble', {
    workflowId: bookingWorkflowId(bookingId),
    taskQueue,
    args: [{ tenantId: owner, bookingId }],
  });
  started.push(handle.workflowId);
  return handle;
}

const received = (bookingId: string) =>
  h.temporal.workflow
    .getHandle(bookingWorkflowId(bookingId))
    .query<{ name: string; arg: Record<string, unknown> }[]>('received');

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already by another file in this process.
  }
  tenantId = await h.tenant();
  otherTenantId = await h.tenant();
  admin = await h.key(tenantId, 'admin');
  nativeConnection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../test/booking-double.workflow.ts', import.meta.url)),
  });
  running = worker.run();
}, 120_000);

const post = (path: string, body: object) =>
  request(h.app)
    .post(`/admin/v1/tenants/${tenantId}${path}`)
    .set('Authorization', admin)
    .send(body);

describe('booking commands through the booking workflow', () => {
  it('cancel signals the workflow, answers 202 and audits the request', async () => {
    const booking = await insertLiveBooking(h.db, tenantId, 1);
    await startBookingWorkflow(booking.id, tenantId);
    const res = await post(`/bookings/${booking.id}/cancel`, { reason: 'caller is sick' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      bookingId: booking.id,
      command: 'cancel',
      status: 'accepted',
      workflowId: `booking-${booking.id}`,
    });
    expect(await received(booking.id)).toEqual([
      {
        name: 'cancel',
        arg: {
          tenantId,
          reason: 'caller is sick',
          source: 'business',
          requestedAt: expect.any(String),
        },
      },
    ]);
    const { rows } = await h.db.query('SELECT * FROM audit_log WHERE resource_id = $1', [
      booking.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'booking.cancel', tenant_id: tenantId });
    expect(rows[0].before.status).toBe('confirmed');
  });

  it('reschedule signals the new start; a start in the past or unknown fields are refused', async () => {
    const booking = await insertLiveBooking(h.db, tenantId, 2);
    await startBookingWorkflow(booking.id, tenantId);
    expect(
      (await post(`/bookings/${booking.id}/reschedule`, { startsAt: '2020-01-01T10:00:00Z' }))
        .status,
    ).toBe(400);
    expect(
      (
        await post(`/bookings/${booking.id}/reschedule`, {
          startsAt: '2032-01-01T10:00:00Z',
          status: 'confirmed',
        })
      ).status,
    ).toBe(400);
    const res = await post(`/bookings/${booking.id}/reschedule`, {
      startsAt: '2032-01-01T10:00:00+02:00',
    });
    expect(res.status).toBe(202);
    expect(await received(booking.id)).toEqual([
      {
        name: 'reschedule',
        arg: { tenantId, startsAt: '2032-01-01T08:00:00.000Z', source: 'business' },
      },
    ]);
  });

  it("another business's booking is 404 and its workflow hears nothing", async () => {
    const theirs = await insertLiveBooking(h.db, otherTenantId, 3);
    await startBookingWorkflow(theirs.id, otherTenantId);
    const res = await post(`/bookings/${theirs.id}/cancel`, { reason: 'nope' });
    expect(res.status).toBe(404);
    expect(await received(theirs.id)).toEqual([]);
  });

  it('a finished booking or one without a running workflow answers 409 and is not audited', async () => {
    const cancelled = await insertLiveBooking(h.db, tenantId, 4);
    await setBookingStatus(h.db, tenantId, cancelled.id, 'cancelled');
    const r1 = await post(`/bookings/${cancelled.id}/cancel`, { reason: 'again' });
    expect(r1.status).toBe(409);
    expect(r1.body.error.code).toBe('booking_not_active');
    const orphan = await insertLiveBooking(h.db, tenantId, 5);
    const r2 = await post(`/bookings/${orphan.id}/cancel`, { reason: 'no workflow' });
    expect(r2.status).toBe(409);
    const { rows } = await h.db.query('SELECT 1 FROM audit_log WHERE resource_id = ANY($1)', [
      [cancelled.id, orphan.id],
    ]);
    expect(rows).toHaveLength(0);
  });

  it('attendance signals attended or no-show for a visit that has begun, and audits it', async () => {
    const begun = new Date(Date.now() - 30 * 60_000);
    const visit = (owner: string) =>
      insertBooking(h.db, owner, {
        status: 'confirmed',
        startsAt: begun,
        endsAt: new Date(begun.getTime() + 3_600_000),
        service: 'Cleaning and check-up',
      });
    const booking = await visit(tenantId);
    await startBookingWorkflow(booking.id, tenantId);
    expect((await post(`/bookings/${booking.id}/attendance`, { attended: 'yes' })).status).toBe(
      400,
    );
    expect((await post(`/bookings/${booking.id}/attendance`, {})).status).toBe(400);
    const res = await post(`/bookings/${booking.id}/attendance`, { attended: false });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ command: 'attendance', status: 'accepted' });
    expect(await post(`/bookings/${booking.id}/attendance`, { attended: true })).toHaveProperty(
      'status',
      202,
    );
    expect(await received(booking.id)).toEqual([
      { name: 'attendance', arg: { tenantId, attended: false } },
      { name: 'attendance', arg: { tenantId, attended: true } },
    ]);
    const { rows } = await h.db.query(
      "SELECT after FROM audit_log WHERE resource_id = $1 AND action = 'booking.attendance' ORDER BY created_at",
      [booking.id],
    );
    expect(rows.map((r) => r.after.attended)).toEqual([false, true]);

    // A visit still to come cannot have been missed: 409, the workflow hears nothing.
    const future = await insertLiveBooking(h.db, tenantId, 6);
    await startBookingWorkflow(future.id, tenantId);
    const early = await post(`/bookings/${future.id}/attendance`, { attended: false });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('booking_not_started');
    expect(await received(future.id)).toEqual([]);

    // Another business's visit: 404 and nothing sent.
    const theirs = await visit(otherTenantId);
    await startBookingWorkflow(theirs.id, otherTenantId);
    expect((await post(`/bookings/${theirs.id}/attendance`, { attended: false })).status).toBe(404);
    expect(await received(theirs.id)).toEqual([]);
  });

  it('reports Temporal being unreachable as unavailable', async () => {
    const logger = createLogger({ service: 'test', level: 'silent' });
    const connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 });
    const commands = createBookingCommands({
      bookings: createBookingClient({ client: new Client({ connection }), taskQueue }),
      breakers: createBreakerFactory({ registry: createMetrics('backend').registry, logger }),
      timeoutMs: 1_000,
    });
    expect(await commands.cancel(tenantId, randomUUID(), 'x')).toEqual({
      ok: false,
      reason: 'unavailable',
    });
    // Not closed here: the timed-out call is still retrying inside the client, and closing the
    // channel under it would surface as an unhandled rejection; the process ends it.
  });
});
