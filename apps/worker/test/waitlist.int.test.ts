import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addWaitlistEntry,
  getWaitlistEntry,
  insertBooking,
  localDay,
  type WaitlistEntry,
} from '@receptionist/db';
import type { Tenant } from '@receptionist/domain';
import { waitFor } from '@receptionist/testing';
import {
  waitlistOfferQuery,
  waitlistOfferWorkflowId,
  waitlistReplySignal,
  type WaitlistOfferView,
} from '@receptionist/booking-client/messages';
import { startHarness, waitForPhase, type Harness } from './harness.ts';

/**
 * The waitlist on the real Temporal server and Postgres: a cancelled booking starts the offer
 * workflow of its slot, the YES (the signal the SMS route sends) books through the booking
 * workflow, and concurrent replies or offers never give one slot to two callers.
 */
let h: Harness;
const HOUR = 3_600_000;
const MIN = 60_000;

beforeAll(async () => {
  h = await startHarness('waitlist');
  await h.startWorker();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/** A slot two days out on a whole half hour, `plus` half hours later. */
function slot(plus = 0) {
  const t = new Date(Math.ceil((Date.now() + 48 * HOUR) / (30 * MIN)) * 30 * MIN + plus * 30 * MIN);
  return { startsAt: t, endsAt: new Date(t.getTime() + 30 * MIN) };
}

async function join(tenant: Tenant, day: string, n: number): Promise<WaitlistEntry[]> {
  const out: WaitlistEntry[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      (
        await addWaitlistEntry(h.db.pool, tenant.id, {
          contactId: null,
          phone: h.phone(),
          day,
          service: '',
        })
      ).entry,
    );
  return out;
}

const offerView = (workflowId: string) =>
  h.client.workflow.getHandle(workflowId).query(waitlistOfferQuery);

async function offeredTo(workflowId: string, entryId: string) {
  await waitFor(async () => {
    try {
      return (await offerView(workflowId)).offeredEntryId === entryId;
    } catch {
      return false;
    }
  }, 20_000);
}

const yes = (tenantId: string, workflowId: string, entryId: string) =>
  h.client.workflow
    .getHandle(workflowId)
    .signal(waitlistReplySignal, { tenantId, entryId, messageSid: `SM${randomUUID()}` });

async function liveBookingsAt(tenantId: string, startsAt: Date) {
  const { rows } = await h.db.pool.query(
    `SELECT b.id, c.phone FROM bookings b LEFT JOIN contacts c ON c.id = b.contact_id
      WHERE b.tenant_id = $1 AND b.starts_at = $2 AND b.status IN ('held', 'pending_payment', 'confirmed')`,
    [tenantId, startsAt],
  );
  return rows as { id: string; phone: string }[];
}

/** Starts the offer workflow of a freed slot directly, with a short reply window. */
async function freeSlot(tenant: Tenant, s: ReturnType<typeof slot>, replyMs: number) {
  const freed = await insertBooking(h.db.pool, tenant.id, {
    status: 'cancelled',
    startsAt: s.startsAt,
    endsAt: s.endsAt,
  });
  const workflowId = waitlistOfferWorkflowId(tenant.id, 'default', s.startsAt.toISOString());
  await h.client.workflow.start('waitlistOfferWorkflow', {
    taskQueue: h.taskQueue,
    workflowId,
    args: [
      {
        tenantId: tenant.id,
        bookingId: freed.id,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        replyMs,
      },
    ],
  });
  return workflowId;
}

describe('waitlist offers', () => {
  it('a cancel offers the slot to the first caller; concurrent YES replies book it once', async () => {
    const tenant = await h.makeTenant();
    const s = slot();
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      contactPhone: h.phone(),
    });
    await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    const [a, b] = await join(tenant, localDay(tenant.timezone, s.startsAt).date, 2);
    await h.bookings.cancelBooking(tenant.id, bookingId, 'caller asked');
    const workflowId = waitlistOfferWorkflowId(tenant.id, 'default', s.startsAt.toISOString());
    await offeredTo(workflowId, a!.id);
    const offer = (await h.texts(tenant.id)).find((t) => t.purpose === 'waitlist_offer')!;
    expect(offer.to).toBe(a!.phone);
    expect(offer.body).toMatch(/^Bright Smile: a spot opened on .*Reply YES within 15 minutes/);

    // A answers five times at once; B, never offered this slot, says YES too.
    await Promise.all([
      ...Array.from({ length: 5 }, () => yes(tenant.id, workflowId, a!.id)),
      yes(tenant.id, workflowId, b!.id),
    ]);
    const view: WaitlistOfferView = await h.client.workflow.getHandle(workflowId).result();
    expect(view.outcome).toBe('booked');
    const live = await liveBookingsAt(tenant.id, s.startsAt);
    expect(live).toEqual([{ id: view.bookingId, phone: a!.phone }]);
    await waitForPhase(h, tenant.id, view.bookingId!, ['confirmed']);
    expect(await getWaitlistEntry(h.db.pool, tenant.id, a!.id)).toMatchObject({
      status: 'booked',
      bookingId: view.bookingId,
    });
    expect((await getWaitlistEntry(h.db.pool, tenant.id, b!.id))?.status).toBe('waiting');
    await h.saveHistory(bookingId, 'cancelled-slot-to-waitlist');
    await h.saveWorkflowHistory(workflowId, 'waitlist-booked');
    await h.client.workflow.getHandle(`booking-${view.bookingId}`).terminate('test done');
  }, 60_000);

  it('passes the slot to the next caller when the first stays silent', async () => {
    const tenant = await h.makeTenant();
    const s = slot(4);
    const [a, b] = await join(tenant, localDay(tenant.timezone, s.startsAt).date, 2);
    const workflowId = await freeSlot(tenant, s, 1500);
    await offeredTo(workflowId, a!.id);
    await offeredTo(workflowId, b!.id);
    // A's late YES changes nothing; B's books.
    await yes(tenant.id, workflowId, a!.id);
    await yes(tenant.id, workflowId, b!.id);
    const view: WaitlistOfferView = await h.client.workflow.getHandle(workflowId).result();
    expect(view).toMatchObject({ outcome: 'booked', passed: [a!.id] });
    expect(await liveBookingsAt(tenant.id, s.startsAt)).toEqual([
      { id: view.bookingId, phone: b!.phone },
    ]);
    expect((await getWaitlistEntry(h.db.pool, tenant.id, a!.id))?.status).toBe('waiting');
    await h.client.workflow.getHandle(`booking-${view.bookingId}`).terminate('test done');
  }, 60_000);

  it('a booking moved away frees its old slot for the waitlist', async () => {
    const tenant = await h.makeTenant();
    const [from, to] = [slot(12), slot(14)];
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: from.startsAt,
      endsAt: from.endsAt,
      contactPhone: h.phone(),
    });
    await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    const [a] = await join(tenant, localDay(tenant.timezone, from.startsAt).date, 1);
    await h.bookings.rescheduleBooking(tenant.id, bookingId, to.startsAt);
    const workflowId = waitlistOfferWorkflowId(tenant.id, 'default', from.startsAt.toISOString());
    await offeredTo(workflowId, a!.id);
    const offer = (await h.texts(tenant.id)).find((t) => t.purpose === 'waitlist_offer');
    expect(offer?.to).toBe(a!.phone);
    await h.client.workflow.getHandle(workflowId).terminate('test done');
  }, 60_000);

  it('two slots freed at once go to two callers, never both to one', async () => {
    const tenant = await h.makeTenant();
    const [s1, s2] = [slot(8), slot(9)];
    const [a, b] = await join(tenant, localDay(tenant.timezone, s1.startsAt).date, 2);
    const [w1, w2] = await Promise.all([
      freeSlot(tenant, s1, 20_000),
      freeSlot(tenant, s2, 20_000),
    ]);
    let views: WaitlistOfferView[] = [];
    await waitFor(async () => {
      views = await Promise.all([offerView(w1), offerView(w2)]).catch(() => []);
      return views.length === 2 && views.every((v) => v.offeredEntryId);
    }, 20_000);
    const offered = views.map((v) => v.offeredEntryId);
    expect(new Set(offered)).toEqual(new Set([a!.id, b!.id]));
    await Promise.all([yes(tenant.id, w1, offered[0]!), yes(tenant.id, w2, offered[1]!)]);
    const [r1, r2] = await Promise.all([
      h.client.workflow.getHandle(w1).result(),
      h.client.workflow.getHandle(w2).result(),
    ]);
    expect([r1.outcome, r2.outcome]).toEqual(['booked', 'booked']);
    const phones = [
      ...(await liveBookingsAt(tenant.id, s1.startsAt)),
      ...(await liveBookingsAt(tenant.id, s2.startsAt)),
    ].map((r) => r.phone);
    expect(phones.sort()).toEqual([a!.phone, b!.phone].sort());
    for (const r of [r1, r2])
      await h.client.workflow.getHandle(`booking-${r.bookingId}`).terminate('test done');
  }, 60_000);
});
