// Low finding: Cal.com wrote the booking but its answer was lost (a 500 after the write, a
// timeout), the worker retried the create, and Cal.com was left with a booking we did not know
// (or ours was given up as "slot taken"). The retry now finds the first one by our booking id in
// its metadata and adopts it. Real worker and Temporal; the Cal.com stand-in loses one answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBookingRecord } from '@receptionist/db';
import { startHarness, waitForPhase, type Harness } from '@receptionist/worker/test-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('attack-calcom-orphan');
  await h.startWorker();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('attack: a retried Cal.com create', () => {
  it('adopts the booking the lost answer made instead of leaving it orphaned', async () => {
    const tenant = await h.makeTenant({
      calendarProvider: 'calcom',
      calendarSettings: {
        apiKey: h.calcom.apiKey,
        eventTypeId: h.calcom.eventTypeId,
        slotMinutes: 30,
      },
    });
    const slot = new Date(Math.ceil((Date.now() + 72 * 3600_000) / 1_800_000) * 1_800_000);
    h.calcom.offered.push(slot.toISOString());
    h.calcom.faults.loseCreateAnswers = 1;
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: slot,
      contactPhone: h.phone(),
    });
    await waitForPhase(h, tenant.id, bookingId, ['confirmed'], 30_000);
    const atCalcom = [...h.calcom.bookings.values()].filter(
      (b) => b.metadata.bookingId === bookingId,
    );
    expect(atCalcom).toHaveLength(1);
    expect(atCalcom[0]!.status).toBe('accepted');
    const creates = h.calcom.requests.filter(
      (r) => r.method === 'POST' && r.path === '/bookings' && r.body.includes(bookingId),
    );
    expect(creates).toHaveLength(1);
    const ours = await getBookingRecord(h.db.pool, tenant.id, bookingId);
    expect(ours).toMatchObject({ status: 'confirmed', externalId: atCalcom[0]!.uid });
  }, 60_000);
});
