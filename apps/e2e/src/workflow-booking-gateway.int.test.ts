// The agent's workflow booking gateway against the real Booking workflow: a Temporal worker with
// the real activities, stripe-mock for deposits and the Cal.com stand-in for Cal.com tenants.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BookingNotSettledError,
  createWorkflowBookingGateway,
} from '@receptionist/agent/booking/workflow-gateway';
import { getTenant, SlotTakenError, type Db } from '@receptionist/db';
import type { Tenant } from '@receptionist/domain';
import { waitFor } from '@receptionist/testing';
import { kinds, startHarness, type Harness } from '@receptionist/worker/test-harness';
import { harnessBookingGateway } from '../test/harness-gateway.ts';

const DAY = 86_400_000;
let h: Harness;
let gateway: ReturnType<typeof createWorkflowBookingGateway>;

beforeAll(async () => {
  h = await startHarness('agent-gateway');
  await h.startWorker();
  gateway = harnessBookingGateway(h);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function tenantWith(t: Parameters<Harness['makeTenant']>[0] = {}): Promise<Tenant> {
  const made = await h.makeTenant(t);
  await h.db.pool.query('UPDATE tenants SET services = $2 WHERE id = $1', [
    made.id,
    JSON.stringify([{ name: 'Cleaning', durationMinutes: 30 }]),
  ]);
  return (await getTenant(h.db.pool, made.id))!;
}

const tomorrow = () => ({ from: new Date(Date.now() + DAY), to: new Date(Date.now() + 2 * DAY) });

describe('workflow booking gateway', () => {
  it('books through the workflow, refuses a taken slot, moves and cancels the booking', async () => {
    const tenant = await tenantWith();
    // Half-hour cleanings on the 15-minute grid: every other slot is the next half hour.
    const slots = (
      await gateway.findFreeSlots(tenant, tomorrow(), 'cleaning', { limit: 6 })
    ).filter((_, i) => i % 2 === 0);
    expect(slots.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = slots as [
      (typeof slots)[0],
      (typeof slots)[0],
      (typeof slots)[0],
    ];
    const phone = h.phone();

    const booked = await gateway.book(tenant.id, {
      contactPhone: phone,
      name: 'Grace Hopper',
      service: 'cleaning',
      startsAt: first.startsAt,
    });
    expect(booked).toMatchObject({
      status: 'confirmed',
      service: 'Cleaning',
      startsAt: first.startsAt,
      endsAt: new Date(first.startsAt.getTime() + 30 * 60_000),
      depositAmountMinor: 0,
      confirmationTexted: true,
    });
    expect(booked.depositUrl).toBeUndefined();
    const { rows } = await h.db.pool.query(
      'SELECT provider, workflow_id, status FROM bookings WHERE id = $1',
      [booked.bookingId],
    );
    expect(rows[0]).toEqual({
      provider: 'builtin',
      workflow_id: `booking-${booked.bookingId}`,
      status: 'confirmed',
    });
    expect(await gateway.lookupByPhone(tenant.id, phone)).toEqual([
      {
        bookingId: booked.bookingId,
        service: 'Cleaning',
        status: 'confirmed',
        startsAt: first.startsAt,
        endsAt: booked.endsAt,
      },
    ]);

    // Another caller on the same slot: the workflow's hold is refused.
    const loser = h.phone();
    await expect(
      gateway.book(tenant.id, {
        contactPhone: loser,
        name: 'Alan',
        service: 'Cleaning',
        startsAt: first.startsAt,
      }),
    ).rejects.toBeInstanceOf(SlotTakenError);

    // The agent tells the caller on the line and offers other times: no "taken" text follows.
    expect((await h.texts(tenant.id)).filter((t) => t.to === loser)).toEqual([]);

    // A third booking takes `third`, so moving there is refused and the booking stays.
    await gateway.book(tenant.id, {
      contactPhone: h.phone(),
      name: 'Ada',
      service: 'Cleaning',
      startsAt: third.startsAt,
    });
    await expect(
      gateway.reschedule(tenant.id, booked.bookingId, third.startsAt),
    ).rejects.toBeInstanceOf(SlotTakenError);
    const moved = await gateway.reschedule(tenant.id, booked.bookingId, second.startsAt);
    expect(moved).toMatchObject({
      bookingId: booked.bookingId,
      status: 'confirmed',
      startsAt: second.startsAt,
      endsAt: new Date(second.startsAt.getTime() + 30 * 60_000),
    });

    const cancelled = await gateway.cancel(tenant.id, booked.bookingId);
    expect(cancelled).toMatchObject({ bookingId: booked.bookingId, status: 'cancelled' });
    expect(await gateway.lookupByPhone(tenant.id, phone)).toEqual([]);
    // The workflow texted each step once; the agent texts none of them.
    expect(kinds(await h.texts(tenant.id), booked.bookingId)).toEqual([
      'confirmed',
      'rescheduled',
      'cancelled',
    ]);
    await expect(gateway.cancel(tenant.id, randomUUID())).rejects.toBeInstanceOf(
      BookingNotSettledError,
    );
  }, 90_000);

  it('a deposit tenant gets a pending_payment booking with the Stripe Checkout link', async () => {
    const tenant = await tenantWith({ depositRequired: true, depositAmountMinor: 2500 });
    const [slot] = await gateway.findFreeSlots(tenant, tomorrow(), 'Cleaning', { limit: 1 });
    const booked = await gateway.book(tenant.id, {
      contactPhone: h.phone(),
      name: 'Katherine',
      service: 'Cleaning',
      startsAt: slot!.startsAt,
    });
    expect(booked).toMatchObject({
      status: 'pending_payment',
      depositAmountMinor: 2500,
      confirmationTexted: true,
    });
    expect(booked.depositUrl).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(await gateway.createDepositLink(tenant.id, booked.bookingId)).toEqual({
      url: booked.depositUrl,
    });
    // The workflow shows the link as soon as Stripe issued it; the text follows right after.
    await waitFor(
      async () => kinds(await h.texts(tenant.id), booked.bookingId).length > 0,
      10_000,
      'the deposit link text',
    );
    const texts = await h.texts(tenant.id);
    expect(kinds(texts, booked.bookingId)).toEqual(['payment_link']);
    expect(texts[0]!.body).toContain(booked.depositUrl!);
  }, 60_000);

  it("a booking made in the caller's language is texted in it", async () => {
    const tenant = await tenantWith();
    await h.db.pool.query(`UPDATE tenants SET languages = '{en-US,es-US}' WHERE id = $1`, [
      tenant.id,
    ]);
    const [slot] = await gateway.findFreeSlots(tenant, tomorrow(), 'Cleaning', { limit: 1 });
    const booked = await gateway.book(tenant.id, {
      contactPhone: h.phone(),
      name: 'Lucía',
      service: 'Cleaning',
      startsAt: slot!.startsAt,
      language: 'es-US',
    });
    expect(booked.status).toBe('confirmed');
    await waitFor(
      async () => kinds(await h.texts(tenant.id), booked.bookingId).length > 0,
      10_000,
      'the confirmation text',
    );
    const [text] = await h.texts(tenant.id);
    expect(text!.body).toContain('su cita quedó confirmada');
  }, 60_000);

  it('a Cal.com tenant is offered the free slots Cal.com gives', async () => {
    const eventTypeId = Math.floor(Math.random() * 1e9);
    const tenant = await tenantWith({
      calendarProvider: 'calcom',
      calendarSettings: { apiKey: h.calcom.apiKey, eventTypeId, slotMinutes: 30 },
    });
    const range = tomorrow();
    const offered = [1, 2].map((hrs) => new Date(range.from.getTime() + hrs * 3_600_000));
    h.calcom.offered.push(...offered.map((d) => d.toISOString()));
    const slots = await gateway.findFreeSlots(tenant, range, 'Cleaning');
    expect(slots.map((s) => s.startsAt)).toEqual(offered);
    const asked = h.calcom.requests.filter((r) => r.path.startsWith('/slots?'));
    expect(asked.at(-1)?.path).toContain(`eventTypeId=${eventTypeId}`);
  }, 30_000);

  it('calls off a booking that did not settle while the caller waited, freeing the slot', async () => {
    const tenant = await tenantWith();
    const [slot] = await gateway.findFreeSlots(tenant, tomorrow(), 'Cleaning', { limit: 1 });
    const impatient = createWorkflowBookingGateway({
      db: h.db.pool as unknown as Db,
      calendars: { for: () => ({}) as never },
      bookingClient: h.bookings,
      waitMs: 1,
    });
    const phone = h.phone();
    const failed = await impatient
      .book(tenant.id, {
        contactPhone: phone,
        name: 'Mary',
        service: 'Cleaning',
        startsAt: slot!.startsAt,
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(failed).toBeInstanceOf(BookingNotSettledError);
    const bookingId = (failed as BookingNotSettledError).bookingId;
    const settled = await h.bookings.waitForOutcome(tenant.id, bookingId, 20_000);
    expect(settled?.phase).toBe('cancelled');
    // The caller was told it could not be booked: no text tells them otherwise.
    expect(kinds(await h.texts(tenant.id), bookingId)).toEqual([]);
    await h.saveHistory(bookingId, 'called-off-before-confirm');
    // And the time is free for the next caller.
    const next = await gateway.book(tenant.id, {
      contactPhone: h.phone(),
      name: 'Dorothy',
      service: 'Cleaning',
      startsAt: slot!.startsAt,
    });
    expect(next.status).toBe('confirmed');
  }, 60_000);
});
