import { localDateOf, localTimeOf, ranksByTime, type Wish } from '@receptionist/domain';
import type { Slot } from '@receptionist/integrations/calendar';

/** Two offers closer than this sound like the same time ("10 or 10:15?"). */
const MIN_GAP_MS = 30 * 60_000;
/** Offers filling one wished window ("Thursday afternoon") are spread at least this far. */
const WINDOW_GAP_MS = 60 * 60_000;
/**
 * How much nearer a wished time a start off the half hour must be to be offered before one on
 * it: "9 or 11" for "around ten" when 10:00 to 10:30 are gone, "9:45" only when 9 is not free.
 */
const OFF_GRID_PENALTY_MIN = 60;

export interface OfferOptions {
  /**
   * The caller's wish the slots were matched against (matchWish). With a time (unless
   * `earliest`), the list is taken as ranked nearest that time, as with `near`; a wished day or
   * window is filled with offers spread across it when its half-days alone give too few.
   */
  wish?: Wish;
  /** The list is ranked nearest this local time (HH:MM): best first, no two within 30 minutes. */
  near?: string;
  /**
   * Starts on the hour or half hour first (default): "9 AM", "10:30 AM", not 9:15 unless nothing
   * else is free near it. A start at the wished time always counts as round.
   */
  preferRound?: boolean;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Two or three slots worth offering, in the order of the list. For a plain list: the first free
 * one, then the next on another half of the day or another day, so the caller hears a real choice
 * rather than 9:00, 9:30, 10:00. For a list ranked by a wished time: the best-ranked ones, no two
 * within 30 minutes. Starts on the hour or half hour are preferred ("9 AM", "10:30 AM"); 9:15
 * only when asked for or when nothing on the half hour is free near it (in that half-day).
 */
export function pickOffers(
  slots: Slot[],
  timezone: string,
  count = 3,
  opts: OfferOptions = {},
): Slot[] {
  const { wish, preferRound = true } = opts;
  const wished = wish && ranksByTime(wish) ? wish.time : undefined;
  const near = opts.near !== undefined && HHMM.test(opts.near) ? opts.near : wished;
  const asked = wish?.time ?? near;
  const timeOf = (s: Slot) => localTimeOf(s.startsAt, timezone);
  const natural = (s: Slot) => {
    const t = timeOf(s);
    return !preferRound || t === asked || t.endsWith(':00') || t.endsWith(':30');
  };
  const picked = new Set<Slot>();
  const far = (s: Slot, gap: number) =>
    [...picked].every((p) => Math.abs(p.startsAt.getTime() - s.startsAt.getTime()) >= gap);
  const take = (candidates: Slot[], gap: number) => {
    for (const s of candidates) {
      if (picked.size >= count) return;
      if (!picked.has(s) && far(s, gap)) picked.add(s);
    }
  };

  if (near) {
    const target = minutesOf(near);
    const cost = (s: Slot) =>
      Math.abs(minutesOf(timeOf(s)) - target) + (natural(s) ? 0 : OFF_GRID_PENALTY_MIN);
    // A stable sort: equal costs keep the ranking's order.
    take(
      slots
        .map((s) => ({ s, c: cost(s) }))
        .sort((a, b) => a.c - b.c)
        .map((x) => x.s),
      MIN_GAP_MS,
    );
  } else {
    const halves = new Map<string, Slot[]>();
    for (const s of slots) {
      const bucket = `${localDateOf(s.startsAt, timezone)}:${timeOf(s) < '12:00' ? 'am' : 'pm'}`;
      const half = halves.get(bucket);
      if (half) half.push(s);
      else halves.set(bucket, [s]);
    }
    take(
      [...halves.values()].map((half) => half.find(natural) ?? half[0]!),
      0,
    );
    // A wished day or window may span one half-day only: spread the rest across it.
    if (wish) take([...slots.filter(natural), ...slots.filter((s) => !natural(s))], WINDOW_GAP_MS);
  }
  return slots.filter((s) => picked.has(s));
}
