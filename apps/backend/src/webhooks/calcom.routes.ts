import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import { z } from 'zod';
import {
  findBookingByExternalId,
  getBookingRecord,
  getTenant,
  getTenantSecrets,
  insertBooking,
  moveBookingRecord,
  setBookingAttendee,
  setBookingStatus,
  SlotTakenError,
  type BookingRecord,
  type Db,
} from '@receptionist/db';
import { toE164, type Tenant } from '@receptionist/domain';
import { HttpError, type Logger } from '@receptionist/observability';
import type { BookingClient } from '@receptionist/booking-client';
import { intake, type Outcome } from './webhook-intake.ts';

export interface CalcomWebhookDeps {
  db: Db;
  logger: Logger;
  bookings: Pick<BookingClient, 'startBooking' | 'cancelBooking' | 'rescheduleBooking'>;
}

const attendeeSchema = z.looseObject({
  name: z.string().optional(),
  email: z.string().optional(),
  timeZone: z.string().optional(),
  phoneNumber: z.string().nullish(),
});
const bodySchema = z.object({
  triggerEvent: z.string().min(1),
  createdAt: z.string().optional(),
  payload: z.looseObject({
    uid: z.string().min(1),
    eventTypeId: z.union([z.number(), z.string()]).nullish(),
    startTime: z.string().optional(),
    endTime: z.string().optional(),
    attendees: z.array(attendeeSchema).optional(),
    responses: z.record(z.string(), z.unknown()).optional(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
    rescheduleUid: z.string().nullish(),
    fromReschedule: z.string().nullish(),
  }),
});
type CalPayload = z.infer<typeof bodySchema>['payload'];

/** X-Cal-Signature-256: hex HMAC-SHA256 of the raw body with the webhook secret. */
export function verifyCalcomSignature(
  raw: Buffer,
  header: string | undefined,
  secret: string,
): boolean {
  if (!header || !/^[0-9a-f]{64}$/i.test(header)) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(header, 'hex'));
}

function phoneOf(p: CalPayload): string | null {
  const r = p.responses ?? {};
  const candidates = [
    p.attendees?.[0]?.phoneNumber,
    r.attendeePhoneNumber,
    r.phone,
    (r.location as { value?: unknown } | undefined)?.value,
  ];
  for (const c of candidates) {
    const v = typeof c === 'string' ? c : (c as { value?: unknown } | null)?.value;
    if (typeof v === 'string' && toE164(v)) return toE164(v);
  }
  return null;
}

export function createCalcomWebhookRouter(deps: CalcomWebhookDeps): Router {
  const router = express.Router();

  /**
   * Only our stored external id (bookings.external_id = Cal.com's uid) names one of our bookings:
   * the payload's metadata is the booker's to write, so it decides nothing.
   */
  const ours = (tenant: Tenant, uid: string): Promise<BookingRecord | null> =>
    findBookingByExternalId(deps.db, tenant.id, 'calcom', uid);

  const created = async (tenant: Tenant, p: CalPayload): Promise<Outcome> => {
    if (await ours(tenant, p.uid))
      return { status: 'ignored', note: 'booking already known', tenantId: tenant.id };
    if (!p.startTime || !p.endTime)
      throw new HttpError(400, 'validation_failed', 'startTime and endTime are required');
    const phone = phoneOf(p);
    let booking: BookingRecord | null;
    const id = randomUUID();
    try {
      await insertBooking(deps.db, tenant.id, {
        id,
        status: 'confirmed',
        startsAt: new Date(p.startTime),
        endsAt: new Date(p.endTime),
        provider: 'calcom',
        externalId: p.uid,
        workflowId: `booking-${id}`,
      });
      await setBookingAttendee(deps.db, tenant.id, id, {
        phone,
        name: p.attendees?.[0]?.name ?? null,
      });
      booking = await getBookingRecord(deps.db, tenant.id, id);
    } catch (err) {
      if (err instanceof SlotTakenError)
        return {
          status: 'ignored',
          note: 'overlaps a live booking in our calendar',
          tenantId: tenant.id,
        };
      if ((err as { code?: string }).code !== '23505') throw err;
      // Processed before and failed after the insert: carry on with the row we have.
      booking = await findBookingByExternalId(deps.db, tenant.id, 'calcom', p.uid);
    }
    if (!booking) throw new Error('booking row vanished');
    if (!phone)
      return { status: 'processed', note: 'no attendee phone: no texts', tenantId: tenant.id };
    // Made on the Cal.com page: our workflow adopts it for reminders and follow-up.
    await deps.bookings.startBooking({
      tenantId: tenant.id,
      bookingId: booking.id,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      contactPhone: phone,
      contactName: booking.attendeeName ?? undefined,
      mode: 'adopt',
    });
    return { status: 'processed', tenantId: tenant.id };
  };

  const cancelled = async (tenant: Tenant, p: CalPayload): Promise<Outcome> => {
    const b = await ours(tenant, p.uid);
    if (!b) return { status: 'ignored', note: 'unknown booking', tenantId: tenant.id };
    if (b.status === 'cancelled')
      return { status: 'ignored', note: 'already cancelled', tenantId: tenant.id };
    const signalled = await deps.bookings.cancelBooking(
      tenant.id,
      b.id,
      'cancelled on Cal.com',
      'provider',
    );
    if (!signalled) await setBookingStatus(deps.db, tenant.id, b.id, 'cancelled');
    return { status: 'processed', tenantId: tenant.id };
  };

  const rescheduled = async (tenant: Tenant, p: CalPayload): Promise<Outcome> => {
    const oldUid = p.rescheduleUid ?? p.fromReschedule ?? null;
    if (await findBookingByExternalId(deps.db, tenant.id, 'calcom', p.uid))
      return { status: 'ignored', note: 'move already recorded', tenantId: tenant.id };
    const b = oldUid ? await findBookingByExternalId(deps.db, tenant.id, 'calcom', oldUid) : null;
    if (!b || !p.startTime)
      return { status: 'ignored', note: 'unknown booking', tenantId: tenant.id };
    const startsAt = new Date(p.startTime);
    const endsAt = p.endTime ? new Date(p.endTime) : undefined;
    const signalled = await deps.bookings.rescheduleBooking(tenant.id, b.id, startsAt, {
      newEnd: endsAt,
      externalId: p.uid,
      source: 'provider',
    });
    if (!signalled)
      await moveBookingRecord(deps.db, tenant.id, b.id, {
        startsAt,
        endsAt:
          endsAt ?? new Date(startsAt.getTime() + (b.endsAt.getTime() - b.startsAt.getTime())),
        externalId: p.uid,
      });
    return { status: 'processed', tenantId: tenant.id };
  };

  const handlers: Record<string, (t: Tenant, p: CalPayload) => Promise<Outcome>> = {
    BOOKING_CREATED: created,
    BOOKING_CANCELLED: cancelled,
    BOOKING_RESCHEDULED: rescheduled,
  };

  /**
   * Each business has its own webhook URL, /webhooks/calcom/{tenantId}, and its own secret
   * (calendarSettings.webhookSecret): the URL names the business, the signature proves the event
   * comes from that business's Cal.com account. Nothing in the body can move an event elsewhere.
   */
  router.post('/:tenantId', express.raw({ type: '*/*', limit: '512kb' }), async (req, res) => {
    const tenantId = String(req.params.tenantId);
    const secrets = z.uuid().safeParse(tenantId).success
      ? await getTenantSecrets(deps.db, tenantId)
      : null;
    const tenant = secrets ? await getTenant(deps.db, tenantId) : null;
    if (!secrets || !tenant) throw new HttpError(404, 'not_found', 'no such webhook');
    if (!secrets.calcomWebhookSecret)
      throw new HttpError(503, 'not_configured', 'this business has no Cal.com webhook secret');
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.header('x-cal-signature-256') ?? undefined;
    if (!verifyCalcomSignature(raw, signature, secrets.calcomWebhookSecret))
      throw new HttpError(401, 'invalid_signature', 'X-Cal-Signature-256 does not match the body');
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError(400, 'malformed_body', 'the body is not JSON');
    }
    const body = bodySchema.parse(json);
    // One Cal.com account may hold event types we do not manage: only the business's own counts.
    const eventType = body.payload.eventTypeId;
    const foreignEventType =
      eventType != null && String(eventType) !== String(secrets.calcomEventTypeId);
    // Cal.com has no event id; the business, the trigger and the booking uid identify a delivery
    // (with the business in it, one business cannot pre-empt another's delivery id).
    const eventId = `${tenant.id}:${body.triggerEvent}:${body.payload.uid}`;
    const result = await intake(
      deps,
      {
        provider: 'calcom',
        eventId,
        eventType: body.triggerEvent,
        payload: body,
        tenantId: tenant.id,
      },
      async () => {
        const handler = handlers[body.triggerEvent];
        if (!handler) return { status: 'ignored', note: 'event type not handled' };
        if (foreignEventType)
          return { status: 'ignored', note: "not this business's event type", tenantId: tenant.id };
        return handler(tenant, body.payload);
      },
    );
    res.status(200).json({
      received: true,
      duplicate: result.duplicate,
      status: result.outcome?.status ?? null,
    });
  });
  return router;
}
