import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { setBookingStatus } from '@receptionist/db';
import { createLogger, createMetrics } from '@receptionist/observability';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { startAdmin, type AdminHarness } from '../../test/admin-harness.ts';
import { insertLiveBooking } from '../../test/admin-fixtures.ts';
import { bookingWorkflowId, createTemporalBookingCommands } from './booking-commands.ts';

/**
 * The booking workflow belongs to the bookings service; here a workflow execution with the same
 * id stands in for it on the real Temporal server (no worker runs it), and the signals the admin
 * API sends are read back from the execution's history.
 */
let h: AdminHarness;
let tenantId: string;
let otherTenantId: string;
let admin: string;
const taskQueue = `admin-bookings-${randomUUID()}`;
const started: string[] = [];

async function startBookingWorkflow(bookingId: string) {
  const handle = await h.temporal.workflow.start('bookingWorkflow', {
    workflowId: bookingWorkflowId(bookingId),
    taskQueue,
    args: [{ bookingId }],
  });
  started.push(handle.workflowId);
  return handle;
}

async function signalsOf(bookingId: string) {
  const history = await h.temporal.workflow.getHandle(bookingWorkflowId(bookingId)).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionSignaledEventAttributes)
    .filter((a) => a)
    .map((a) => ({
      name: a!.signalName,
      arg: JSON.parse(new TextDecoder().decode(a!.input!.payloads![0]!.data!)),
    }));
}

beforeAll(async () => {
  h = await startAdmin();
  tenantId = await h.tenant();
  otherTenantId = await h.tenant();
  admin = await h.key(tenantId, 'admin');
});
afterAll(async () => {
  for (const id of started) {
    await h.temporal.workflow
      .getHandle(id)
      .terminate('test finished')
      .catch(() => undefined);
  }
  await h?.close();
});

const post = (path: string, body: object) =>
  request(h.app)
    .post(`/admin/v1/tenants/${tenantId}${path}`)
    .set('Authorization', admin)
    .send(body);

describe('booking commands through the booking workflow', () => {
  it('cancel signals the workflow, answers 202 and audits the request', async () => {
    const booking = await insertLiveBooking(h.db, tenantId, 1);
    await startBookingWorkflow(booking.id);
    const res = await post(`/bookings/${booking.id}/cancel`, { reason: 'caller is sick' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      bookingId: booking.id,
      command: 'cancel',
      status: 'accepted',
      workflowId: `booking-${booking.id}`,
    });
    expect(await signalsOf(booking.id)).toEqual([
      { name: 'cancel', arg: { tenantId, reason: 'caller is sick' } },
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
    await startBookingWorkflow(booking.id);
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
    expect(await signalsOf(booking.id)).toEqual([
      { name: 'reschedule', arg: { tenantId, startsAt: '2032-01-01T08:00:00.000Z' } },
    ]);
  });

  it("another business's booking is 404 and its workflow hears nothing", async () => {
    const theirs = await insertLiveBooking(h.db, otherTenantId, 3);
    await startBookingWorkflow(theirs.id);
    const res = await post(`/bookings/${theirs.id}/cancel`, { reason: 'nope' });
    expect(res.status).toBe(404);
    expect(await signalsOf(theirs.id)).toEqual([]);
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

  it('reports Temporal being unreachable as unavailable', async () => {
    const logger = createLogger({ service: 'test', level: 'silent' });
    const connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 });
    const commands = createTemporalBookingCommands({
      client: new Client({ connection }),
      breakers: createBreakerFactory({ registry: createMetrics('backend').registry, logger }),
      timeoutMs: 1_000,
    });
    expect(await commands.cancel(tenantId, randomUUID(), 'x')).toEqual({
      ok: false,
      reason: 'unavailable',
    });
    await connection.close().catch(() => undefined);
  });
});
