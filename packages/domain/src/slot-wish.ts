import {
  addLocalDays,
  localDateOf,
  localTimeOf,
  weekdayOf,
  zonedTimeToUtc,
  type Interval,
} from './slots.ts';
import type { BusinessHours, Weekday } from './tenant.ts';
import type { Wish } from './wish.ts';

/**
 * A caller's wish (see wish.ts) against the calendar. Pure: the caller passes the clock, the
 * tenant's timezone and the free slots; local dates and times are in that timezone.
 */

/** The longest search a wish can ask for, whatever `days` or `searchDays` say. */
const MAX_SEARCH_DAYS = 62;

const clampDays = (n: number) => Math.min(MAX_SEARCH_DAYS, Math.max(1, Math.floor(n) || 1));
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The instants to ask the calendar for. Without a date: from now over `searchDays` local days
 * (today counting as the first). With a date: that local day, or `days` days from it, never
 * before now. Whole local days even with a window or a time, so nearby alternatives are seen.
 */
export function wishRange(
  wish: Wish,
  timezone: string,
  now: Date,
  searchDays = 14,
): { from: Date; to: Date } {
  const first = wish.date ?? localDateOf(now, timezone);
  const days = clampDays(wish.date ? (wish.days ?? 1) : searchDays);
  const start = zonedTimeToUtc(first, '00:00', timezone);
  const end = zonedTimeToUtc(addLocalDays(first, days), '00:00', timezone);
  const from = start < now ? now : start;
  return { from, to: end < from ? from : end };
}

/** Whether slots are best offered nearest a wished time (else in time order). */
export function ranksByTime(wish: Wish): boolean {
  return wish.time !== undefined && !wish.earliest;
}

/** Whether a local time lies in the wish's window; a window past midnight wraps. */
function inWindow(time: string, wish: Wish): boolean {
  const { after, before } = wish;
  if (after !== undefined && before !== undefined && after > before)
    return time >= after || time < before;
  return (after === undefined || time >= after) && (before === undefined || time < before);
}

/**
 * The free slots that fit the wish, ranked for offering. `exact`: the first slot starting at the
 * wished time, when one is free. `ranked`: with a time (approximate or not, unless `earliest`),
 * nearest that time of day first, equally near ones earlier first (so the same day before a later
 * one); otherwise in time order.
 */
export function matchWish<S extends Interval>(
  slots: readonly S[],
  wish: Wish,
  timezone: string,
): { exact?: S; ranked: S[] } {
  const lastDate = wish.date ? addLocalDays(wish.date, clampDays(wish.days ?? 1)) : undefined;
  const fitting = slots
    .map((slot) => ({
      slot,
      at: slot.startsAt.getTime(),
      date: localDateOf(slot.startsAt, timezone),
      time: localTimeOf(slot.startsAt, timezone),
    }))
    .filter(
      (s) => (!wish.date || (s.date >= wish.date && s.date < lastDate!)) && inWindow(s.time, wish),
    )
    .sort((a, b) => a.at - b.at);
  const exact = wish.time ? fitting.find((s) => s.time === wish.time)?.slot : undefined;
  if (!ranksByTime(wish)) return { exact, ranked: fitting.map((s) => s.slot) };
  const target = minutesOf(wish.time!);
  const distance = (time: string) => Math.abs(minutesOf(time) - target);
  const ranked = fitting
    .map((s) => ({ ...s, distance: distance(s.time) }))
    .sort((a, b) => a.distance - b.distance || a.at - b.at)
    .map((s) => s.slot);
  return { exact, ranked };
}

export interface ClosedReason {
  kind: 'closed_day' | 'closed_date' | 'before_opening' | 'after_closing';
  /** Weekday of the wished date. */
  weekday: Weekday;
  /** Before opening: when that day (or its next session, after a break) opens. Otherwise: when `nextOpenDate` opens. */
  opens?: string;
  /** Closing time of the wished day, when it opens at all. */
  closes?: string;
  /** The next local date the business opens, when the wished day is lost. */
  nextOpenDate?: string;
}

/** How far ahead a "next open day" is looked for: a year covers any seasonal closure. */
const NEXT_OPEN_HORIZON_DAYS = 366;

/**
 * Why a wished local date (and time) cannot be had at all, or null when the business is open
 * then: closed that weekday, closed that date, before opening (or in a midday break), or at or
 * after closing, so the agent can say "we close at 1 on Saturdays; Monday we open at 9" rather
 * than "not free". With `slotMinutes`, a start too close to closing for one appointment counts
 * as after closing (or before the next session).
 */
export function explainClosed(
  rules: {
    timezone: string;
    businessHours: BusinessHours;
    closedDates?: readonly string[];
    slotMinutes?: number;
  },
  date: string,
  time?: string,
): ClosedReason | null {
  const closed = new Set(rules.closedDates ?? []);
  const sessionsOf = (d: string) =>
    closed.has(d)
      ? []
      : [...(rules.businessHours[weekdayOf(d)] ?? [])].sort((a, b) => (a.open < b.open ? -1 : 1));
  const nextOpen = (): Pick<ClosedReason, 'nextOpenDate' | 'opens'> => {
    for (let i = 1; i <= NEXT_OPEN_HORIZON_DAYS; i++) {
      const d = addLocalDays(date, i);
      const first = sessionsOf(d)[0];
      if (first) return { nextOpenDate: d, opens: first.open };
    }
    return {};
  };
  const weekday = weekdayOf(date);
  if (closed.has(date)) return { kind: 'closed_date', weekday, ...nextOpen() };
  const sessions = sessionsOf(date);
  if (sessions.length === 0) return { kind: 'closed_day', weekday, ...nextOpen() };
  if (time === undefined) return null;
  const closes = sessions.map((s) => s.close).reduce((a, b) => (b > a ? b : a));
  const start = minutesOf(time);
  const end = start + Math.max(0, rules.slotMinutes ?? 0);
  const fits = (s: { open: string; close: string }) =>
    minutesOf(s.open) <= start && start < minutesOf(s.close) && end <= minutesOf(s.close);
  if (sessions.some(fits)) return null;
  const later = sessions.find((s) => minutesOf(s.open) > start);
  if (later) return { kind: 'before_opening', weekday, opens: later.open, closes };
  return { kind: 'after_closing', weekday, closes, ...nextOpen() };
}
