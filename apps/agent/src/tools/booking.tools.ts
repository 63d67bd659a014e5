import { addLocalDays, formatMoney, localDateOf, zonedTimeToUtc } from '@receptionist/domain';
import type { Slot } from '@receptionist/integrations/calendar';
import { resolveService, SlotTakenError } from '../booking/booking.gateway.ts';
import { pickOffers } from '../booking/slot-offers.ts';
import { spokenTime } from '../booking/spoken-time.ts';
import { confirmationGate } from './confirmation.ts';
import type { ToolEnv } from './tool.ts';

const SEARCH_DAYS = 7;

export function spoken(env: ToolEnv, iso: string | Date): string {
  return spokenTime(new Date(iso), env.ctx.tenant.timezone, env.ctx.now, env.work.language);
}

/** Real free slots of the tenant's calendar; on a given local date, or from now on. */
export async function findSlots(
  env: ToolEnv,
  service: string,
  date?: string,
  limit = 40,
): Promise<Slot[]> {
  const { tenant, now } = env.ctx;
  const from = date ? zonedTimeToUtc(date, '00:00', tenant.timezone) : now;
  const to = zonedTimeToUtc(
    addLocalDays(date ?? localDateOf(now, tenant.timezone), date ? 1 : SEARCH_DAYS),
    '00:00',
    tenant.timezone,
  );
  return env.services.bookings.findFreeSlots(tenant, { from, to }, service, { limit });
}

export async function offerSlots(env: ToolEnv, service: string, date?: string) {
  const slots = await findSlots(env, service, date);
  const offers = pickOffers(slots, env.ctx.tenant.timezone, 3);
  env.work.bookingDraft.service = service;
  env.work.bookingDraft.offers = offers.map((s) => s.startsAt.toISOString());
  return offers;
}

export type BookOutcome =
  | { status: 'confirmation_required'; readBack: string }
  | { status: 'refused'; reason: string }
  | { status: 'slot_taken'; alternatives: string[] }
  | { status: 'not_free' }
  | {
      status: 'booked';
      bookingId: string;
      bookingStatus: string;
      when: string;
      depositDue?: string;
      depositUrl?: string;
    };

export async function requestBooking(
  env: ToolEnv,
  req: { service: string; startsAt: string; name: string; readBack?: string },
): Promise<BookOutcome> {
  const { ctx, work, services } = env;
  const service = resolveService(ctx.tenant, req.service);
  if (!service) throw new Error(`unknown service ${req.service}`);
  const startsAt = new Date(req.startsAt);
  if (Number.isNaN(startsAt.getTime())) throw new Error('invalid start time');
  const article = /^[aeiou]/i.test(service.name) ? 'an' : 'a';
  const readBack =
    req.readBack ?? `${article} ${service.name} for ${req.name} ${spoken(env, startsAt)}`;
  const decision = confirmationGate(
    env,
    'book',
    `${service.name}|${startsAt.toISOString()}`,
    readBack,
  );
  if (decision === 'refused')
    return { status: 'refused', reason: 'Bookings follow the business rules; nothing was booked.' };
  if (decision === 'ask') {
    // Only real free slots are read back, so the caller never confirms a time we cannot keep.
    const free = await findSlots(env, service.name, localDateOf(startsAt, ctx.tenant.timezone));
    if (!free.some((s) => s.startsAt.getTime() === startsAt.getTime())) {
      delete work.bookingDraft.pending;
      return { status: 'not_free' };
    }
    work.bookingDraft.service = service.name;
    work.bookingDraft.startsAt = startsAt.toISOString();
    work.bookingDraft.name = req.name;
    return { status: 'confirmation_required', readBack };
  }
  try {
    const r = await services.bookings.book(ctx.tenant.id, {
      contactPhone: ctx.callerPhone,
      name: req.name,
      service: service.name,
      startsAt,
      language: env.ctx.tenant.languages.find((l) => l.startsWith(env.work.language)),
    });
    work.bookingDraft.booked = {
      bookingId: r.bookingId,
      service: r.service,
      startsAt: r.startsAt.toISOString(),
      status: r.status,
      depositUrl: r.depositUrl,
      depositAmountMinor: r.depositAmountMinor,
      currency: r.currency,
      confirmationTexted: r.confirmationTexted,
    };
    work.bookingDraft.offers = [];
    work.out.actions.push({
      type: r.status === 'confirmed' ? 'booking_confirmed' : 'booking_started',
      bookingId: r.bookingId,
      startsAt: r.startsAt.toISOString(),
      service: r.service,
    });
    return {
      status: 'booked',
      bookingId: r.bookingId,
      bookingStatus: r.status,
      when: spoken(env, r.startsAt),
      depositDue:
        r.status === 'pending_payment'
          ? formatMoney({ amountMinor: r.depositAmountMinor, currency: r.currency })
          : undefined,
      depositUrl: r.depositUrl,
    };
  } catch (err) {
    if (!(err instanceof SlotTakenError)) throw err;
    const offers = await offerSlots(env, service.name);
    return { status: 'slot_taken', alternatives: offers.map((s) => spoken(env, s.startsAt)) };
  }
}

export async function lookupBookings(env: ToolEnv) {
  const found = await env.services.bookings.lookupByPhone(env.ctx.tenant.id, env.ctx.callerPhone);
  env.work.bookingDraft.existing = found.map((b) => ({
    bookingId: b.bookingId,
    service: b.service,
    startsAt: b.startsAt.toISOString(),
  }));
  return found.map((b) => ({
    bookingId: b.bookingId,
    service: b.service,
    status: b.status,
    startsAt: b.startsAt.toISOString(),
    when: spoken(env, b.startsAt),
  }));
}

function ownBooking(env: ToolEnv, bookingId: string) {
  // Only bookings looked up for this caller's own number can be changed.
  const b = env.work.bookingDraft.existing?.find((x) => x.bookingId === bookingId);
  if (!b) throw new Error('booking is not one of the caller’s');
  return b;
}

export async function requestCancel(env: ToolEnv, bookingId: string) {
  const b = ownBooking(env, bookingId);
  const readBack = `cancel your ${b.service} ${spoken(env, b.startsAt)}`;
  const decision = confirmationGate(env, 'cancel', bookingId, readBack);
  if (decision !== 'confirmed')
    return decision === 'ask'
      ? { status: 'confirmation_required' as const, readBack }
      : { status: 'refused' as const };
  await env.services.bookings.cancel(env.ctx.tenant.id, bookingId);
  env.work.bookingDraft.existing = env.work.bookingDraft.existing?.filter(
    (x) => x.bookingId !== bookingId,
  );
  return { status: 'cancelled' as const };
}

export async function requestReschedule(env: ToolEnv, bookingId: string, startsAt: string) {
  const b = ownBooking(env, bookingId);
  const at = new Date(startsAt);
  const readBack = `move your ${b.service} to ${spoken(env, at)}`;
  const decision = confirmationGate(
    env,
    'reschedule',
    `${bookingId}|${at.toISOString()}`,
    readBack,
  );
  if (decision !== 'confirmed')
    return decision === 'ask'
      ? { status: 'confirmation_required' as const, readBack }
      : { status: 'refused' as const };
  try {
    const r = await env.services.bookings.reschedule(env.ctx.tenant.id, bookingId, at);
    env.work.out.actions.push({
      type: 'booking_confirmed',
      bookingId: r.bookingId,
      startsAt: r.startsAt.toISOString(),
      service: r.service,
    });
    return {
      status: 'rescheduled' as const,
      bookingId: r.bookingId,
      when: spoken(env, r.startsAt),
    };
  } catch (err) {
    if (err instanceof SlotTakenError) return { status: 'slot_taken' as const };
    throw err;
  }
}
