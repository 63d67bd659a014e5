// Finding 1: Cal.com events could be steered into another business. The tenant came from
// payload.metadata.tenantId (a booker can set metadata), metadata.bookingId was trusted over the
// uid, one deployment-wide secret was shared by every business, and a copied eventTypeId made the
// owner's events go to the copier. Now each business has its own URL (/webhooks/calcom/{tenantId})
// and secret, an event type belongs to one business, and a booking is found only by our stored
// external id. Run against the real backend process on real PostgreSQL, Redis and Temporal.
import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getBookingRecord, insertBooking } from '@receptionist/db';
import { useBackendProcess } from '../../test/backend-process.ts';

type Biz = { tenantId: string; authorization: string; secret: string; eventTypeId: number };
let victim: Biz;
let attacker: Biz;

async function business(): Promise<Biz> {
  const t = await backend.tenantAdmin();
  const biz = {
    ...t,
    secret: `whsec_${randomUUID()}`,
    eventTypeId: randomInt(1, 2_000_000_000),
  };
  const res = await backend.admin('PATCH', `/tenants/${t.tenantId}`, t.authorization, {
    calendarProvider: 'calcom',
    calendarSettings: {
      apiKey: `cal_live_${randomUUID()}`,
      eventTypeId: biz.eventTypeId,
      webhookSecret: biz.secret,
    },
  });
  expect(res.status).toBe(200);
  return biz;
}

const sign = (body: string, secret: string) =>
  createHmac('sha256', secret).update(body).digest('hex');
const event = (trigger: string, payload: Record<string, unknown>) =>
  JSON.stringify({ triggerEvent: trigger, createdAt: new Date().toISOString(), payload });
async function deliver(path: string, body: string, signature?: string) {
  const res = await fetch(`${backend.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature ? { 'x-cal-signature-256': signature } : {}),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as WebhookAnswer };
}
interface WebhookAnswer {
  status?: string | null;
  duplicate?: boolean;
  error?: { code: string };
}
const hook = (b: Biz) => `/webhooks/calcom/${b.tenantId}`;

async function confirmedBooking(b: Biz, uid: string, hoursAhead: number) {
  const startsAt = new Date(Date.now() + hoursAhead * 3600_000);
  const id = randomUUID();
  await insertBooking(backend.db, b.tenantId, {
    id,
    status: 'confirmed',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    provider: 'calcom',
    externalId: uid,
    workflowId: `booking-${id}`,
  });
  return id;
}
const statusOf = async (b: Biz, id: string) =>
  (await getBookingRecord(backend.db, b.tenantId, id))?.status;

const backend = useBackendProcess();
beforeAll(async () => {
  victim = await business();
  attacker = await business();
}, 60_000);

describe('attack: steering Cal.com events into another business', () => {
  it('has no deployment-wide endpoint any more: each business has its own URL', async () => {
    const body = event('BOOKING_CANCELLED', { uid: 'x', metadata: { tenantId: victim.tenantId } });
    expect((await deliver('/webhooks/calcom', body, sign(body, attacker.secret))).status).toBe(404);
    expect((await deliver(`/webhooks/calcom/${randomUUID()}`, body, 'a'.repeat(64))).status).toBe(
      404,
    );
  });

  it("refuses an event for the victim's URL signed with the attacker's own secret, or unsigned", async () => {
    const uid = `cal-${randomUUID()}`;
    const bookingId = await confirmedBooking(victim, uid, 50);
    const body = event('BOOKING_CANCELLED', { uid, eventTypeId: victim.eventTypeId });
    for (const sig of [sign(body, attacker.secret), undefined, sign(body, 'guess'), 'zz']) {
      const res = await deliver(hook(victim), body, sig);
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('invalid_signature');
    }
    expect(await statusOf(victim, bookingId)).toBe('confirmed');
  });

  it("cannot cancel the victim's booking through metadata on the attacker's own URL", async () => {
    const uid = `cal-${randomUUID()}`;
    const bookingId = await confirmedBooking(victim, uid, 52);
    // Signed correctly for the attacker's URL, naming the victim in every way the old code read.
    for (const payload of [
      { uid: `cal-${randomUUID()}`, metadata: { tenantId: victim.tenantId, bookingId } },
      { uid, metadata: { tenantId: victim.tenantId } },
      { uid, eventTypeId: victim.eventTypeId },
      { uid, eventTypeId: attacker.eventTypeId, metadata: { bookingId } },
    ]) {
      const body = event('BOOKING_CANCELLED', payload);
      const res = await deliver(hook(attacker), body, sign(body, attacker.secret));
      expect(res.status).toBe(200);
      // Ignored (or, for a repeated uid, a duplicate of the ignored one): never processed.
      expect(res.body.status === 'ignored' || res.body.duplicate === true).toBe(true);
    }
    const moved = event('BOOKING_RESCHEDULED', {
      uid: `cal-${randomUUID()}`,
      rescheduleUid: uid,
      startTime: new Date(Date.now() + 99 * 3600_000).toISOString(),
      metadata: { tenantId: victim.tenantId, bookingId },
    });
    expect((await deliver(hook(attacker), moved, sign(moved, attacker.secret))).body.status).toBe(
      'ignored',
    );
    expect(await statusOf(victim, bookingId)).toBe('confirmed');
    const { rows } = await backend.db.query(
      `SELECT count(*)::int AS n FROM webhook_events WHERE provider = 'calcom' AND tenant_id = $1`,
      [victim.tenantId],
    );
    expect(rows[0].n).toBe(0);
  });

  it('resolves a booking only by our stored external id, never by metadata.bookingId', async () => {
    const uid = `cal-${randomUUID()}`;
    const bookingId = await confirmedBooking(victim, uid, 54);
    // The victim's own Cal.com account, a booker's metadata naming a booking it is not.
    const body = event('BOOKING_CANCELLED', {
      uid: `cal-${randomUUID()}`,
      eventTypeId: victim.eventTypeId,
      metadata: { bookingId },
    });
    const res = await deliver(hook(victim), body, sign(body, victim.secret));
    expect(res.body).toMatchObject({ status: 'ignored' });
    expect(await statusOf(victim, bookingId)).toBe('confirmed');
    // The real cancellation, by uid, still works.
    const real = event('BOOKING_CANCELLED', { uid, eventTypeId: victim.eventTypeId });
    expect((await deliver(hook(victim), real, sign(real, victim.secret))).body.status).toBe(
      'processed',
    );
    expect(await statusOf(victim, bookingId)).toBe('cancelled');
  });

  it("cannot pre-empt the victim's delivery by sending the same trigger and uid first", async () => {
    const uid = `cal-${randomUUID()}`;
    const bookingId = await confirmedBooking(victim, uid, 56);
    const body = event('BOOKING_CANCELLED', { uid, eventTypeId: victim.eventTypeId });
    const first = await deliver(hook(attacker), body, sign(body, attacker.secret));
    expect(first.body.status).toBe('ignored');
    const real = await deliver(hook(victim), body, sign(body, victim.secret));
    expect(real.body).toMatchObject({ duplicate: false, status: 'processed' });
    expect(await statusOf(victim, bookingId)).toBe('cancelled');
  });

  it("ignores events for an event type that is not the business's own", async () => {
    const uid = `cal-${randomUUID()}`;
    const bookingId = await confirmedBooking(victim, uid, 58);
    const body = event('BOOKING_CANCELLED', { uid, eventTypeId: victim.eventTypeId + 1 });
    const res = await deliver(hook(victim), body, sign(body, victim.secret));
    expect(res.body.status).toBe('ignored');
    expect(await statusOf(victim, bookingId)).toBe('confirmed');
  });

  it("refuses a second business claiming the victim's eventTypeId (409), in create and update", async () => {
    const patch = await backend.admin(
      'PATCH',
      `/tenants/${attacker.tenantId}`,
      attacker.authorization,
      { calendarSettings: { eventTypeId: victim.eventTypeId } },
    );
    expect(patch.status).toBe(409);
    expect((patch.body.error as { code: string }).code).toBe('event_type_taken');
    const { rows } = await backend.db.query(
      `SELECT id FROM tenants WHERE calendar_settings->>'eventTypeId' = $1`,
      [String(victim.eventTypeId)],
    );
    expect(rows).toEqual([{ id: victim.tenantId }]);
    // The attacker's own settings are untouched by the refused write.
    const own = await backend.admin('GET', `/tenants/${attacker.tenantId}`, attacker.authorization);
    expect((own.body.calendarSettings as { eventTypeId: number }).eventTypeId).toBe(
      attacker.eventTypeId,
    );
    // Even written by hand, the database refuses the copy.
    await expect(
      backend.db.query(
        `UPDATE tenants SET calendar_settings = jsonb_build_object('eventTypeId', $2::int) WHERE id = $1`,
        [attacker.tenantId, victim.eventTypeId],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });
});
