import {
  explainClosed,
  localDateOf,
  localTimeOf,
  matchWish,
  wishRange,
  type Wish,
} from '@receptionist/domain';
import type { Slot } from '@receptionist/integrations/calendar';
import type { AgentEnv } from '../agents/agent.ts';
import { pickOffers } from '../booking/slot-offers.ts';
import { spokenClock, spokenWeekday } from '../booking/spoken-time.ts';
import { words } from './flow-kit.ts';

const OFFERS = 3;

export interface SlotSearch {
  /** The very time the caller named, when it is free. */
  exact?: Slot;
  /** Two or three times worth offering, nearest to what the caller asked first. */
  offers: Slot[];
  /** Why the wished day or time cannot be had at all ("we close at 1 on Saturdays"), if so. */
  closedNote?: string;
  /**
   * The one day the caller named, open but with nothing free for the service all day: its
   * waitlist is worth offering. Never today (the day is nearly over) and never a closed day.
   */
  fullDay?: string;
}

/** Free slots for what the caller wished, from the tenant's own calendar. */
export async function searchSlots(env: AgentEnv, service: string, wish: Wish): Promise<SlotSearch> {
  const { tenant, now } = env.ctx;
  const tz = tenant.timezone;
  const range = wishRange(wish, tz, now);
  const slots = await env.services.bookings.findFreeSlots(tenant, range, service, { limit: 2_000 });
  const matched = matchWish(slots, wish, tz);
  const precise = Boolean(wish.time) && !wish.approx;
  const offers = pickOffers(matched.ranked, tz, OFFERS, { wish });
  if (offers.length)
    return { exact: precise ? matched.exact : undefined, offers, closedNote: undefined };
  // Nothing in what they asked: say why when the business is closed then, and look wider.
  const closedNote = wish.date
    ? closedSentence(env, wish.date, wish.time ?? wish.after)
    : undefined;
  const wider: Wish = wish.time ? { time: wish.time, approx: true } : {};
  const widerRange = wishRange(wider, tz, now);
  const more = await env.services.bookings.findFreeSlots(tenant, widerRange, service, {
    limit: 2_000,
  });
  const ranked = matchWish(more, wider, tz).ranked;
  const fullDay = await dayFull(env, service, wish, closedNote);
  return {
    offers: pickOffers(ranked, tz, OFFERS, { wish: wider }),
    closedNote,
    ...(fullDay ? { fullDay } : {}),
  };
}

/** The wished day, when it is one open day after today with no free time for the service. */
async function dayFull(
  env: AgentEnv,
  service: string,
  wish: Wish,
  closedNote: string | undefined,
): Promise<string | undefined> {
  const { tenant, now } = env.ctx;
  const day = wish.date;
  if (!day || (wish.days ?? 1) !== 1 || closedNote) return undefined;
  if (day <= localDateOf(now, tenant.timezone)) return undefined;
  // The search was of the whole day already; "Tuesday at 10" needs the rest of the day looked at.
  if (wish.time === undefined && wish.after === undefined && wish.before === undefined) return day;
  const range = wishRange({ date: day }, tenant.timezone, now);
  const left = await env.services.bookings.findFreeSlots(tenant, range, service, { limit: 1 });
  return left.length ? undefined : day;
}

/** Why the business cannot see anyone on that day (or at that time), said to the caller. */
export function closedSentence(env: AgentEnv, date: string, time?: string): string | undefined {
  const { tenant } = env.ctx;
  const why = explainClosed(
    {
      timezone: tenant.timezone,
      businessHours: tenant.businessHours,
      closedDates: tenant.closedDates,
    },
    date,
    time,
  );
  if (!why) return undefined;
  const p = words(env);
  const lang = env.work.language;
  const day = spokenWeekday(why.weekday, lang, 'every');
  switch (why.kind) {
    case 'closed_day':
      return p.closedDay(day);
    case 'closed_date':
      return p.closedDate();
    case 'after_closing':
      return why.closes ? p.closesAt(day, spokenClock(why.closes, lang)) : p.closedDate();
    case 'before_opening':
      return why.opens ? p.opensAt(day, spokenClock(why.opens, lang)) : p.closedDate();
  }
}

/**
 * A wish said relative to a time ("an hour later", "earlier on Wednesday") made absolute against
 * that time: the appointment being moved, or the time picked or first offered. With no time to
 * be relative to, the shift means nothing and is dropped.
 */
export function resolveShift(wish: Wish, baseIso: string | undefined, tz: string): Wish {
  const { shiftMinutes, relative, ...rest } = wish;
  if (shiftMinutes === undefined && relative === undefined) return wish;
  if (!baseIso) return rest;
  const base = new Date(baseIso);
  if (shiftMinutes !== undefined) {
    const at = new Date(base.getTime() + shiftMinutes * 60_000);
    return { date: localDateOf(at, tz), time: localTimeOf(at, tz) };
  }
  const date = rest.date ?? localDateOf(base, tz);
  // The slots are on a 15-minute grid: "later" starts at the next one.
  return relative === 'earlier'
    ? { date, before: localTimeOf(base, tz) }
    : { date, after: localTimeOf(new Date(base.getTime() + 15 * 60_000), tz) };
}
