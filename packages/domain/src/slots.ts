import type { BusinessHours, Weekday } from './tenant.ts';

/**
 * Free-slot computation for the built-in calendar. Pure: the caller passes the tenant's rules,
 * the window and the busy intervals (live bookings); nothing here reads a clock or a database.
 *
 * Business hours are wall-clock times in the tenant's IANA timezone, so a 09:00 opening is 09:00
 * local on both sides of a daylight-saving change; slots are stepped in real (UTC) time, so a
 * 01:00–03:00 window on a fall-back night yields three hours of slots and on a spring-forward
 * night one.
 */
export interface SlotRules {
  timezone: string;
  businessHours: BusinessHours;
  /** Local dates (YYYY-MM-DD) the business is closed. */
  closedDates?: readonly string[];
  /** Length of one appointment. */
  slotMinutes: number;
  /** Distance between slot starts (whole minutes, at least 5); defaults to the slot length. */
  stepMinutes?: number;
  /** Free time required before and after an appointment (cleaning, travel). */
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  /** No slot starts sooner than this after `now`. */
  minNoticeMinutes?: number;
}

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * A tenant's slot grid: 15 minutes unless set, so "around ten" or "2:30" can be had on an empty
 * calendar; a setting is bounded to 5..240 minutes so none can make the search run away.
 */
export const DEFAULT_STEP_MINUTES = 15;
export const MIN_STEP_MINUTES = 5;
export const MAX_STEP_MINUTES = 240;
/** No search returns more slots than this, whatever the window and the step. */
export const MAX_SLOTS_PER_QUERY = 2000;
/**
 * No search examines more grid points than this (a fully booked calendar yields no slots, so the
 * slot cap alone would not stop it), nor looks further than this many days past its start.
 */
export const MAX_CANDIDATES_PER_QUERY = 20_000;
export const MAX_WINDOW_DAYS = 400;

/** The step a tenant's calendar settings ask for, defaulted and bounded to whole 5..240 minutes. */
export function boundedStepMinutes(setting: unknown): number {
  const n = typeof setting === 'string' && setting.trim() !== '' ? Number(setting) : setting;
  if (typeof n !== 'number' || !Number.isFinite(n)) return DEFAULT_STEP_MINUTES;
  return Math.min(MAX_STEP_MINUTES, Math.max(MIN_STEP_MINUTES, Math.round(n)));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/**
 * Zone offsets change only at transitions, which the time zone database puts on quarter hours:
 * the offset is asked of Intl once per zone and quarter hour, then wall-clock parts are plain
 * UTC arithmetic. Slot searches turn hundreds of instants into local times per turn, and
 * formatToParts was the larger part of the agent's CPU for such a turn.
 */
const QUARTER_HOUR = 15 * 60_000;
const MAX_CACHED_OFFSETS = 50_000;
const offsets = new Map<string, number>();

function offsetOf(instant: number, timezone: string): number {
  const quarter = Math.floor(instant / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timezone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const p of formatter(timezone).formatToParts(new Date(quarter)))
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    offset =
      Date.UTC(
        parts.year!,
        parts.month! - 1,
        parts.day!,
        parts.hour!,
        parts.minute!,
        parts.second!,
      ) - quarter;
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function localParts(instant: number, timezone: string) {
  const d = new Date(instant + offsetOf(instant, timezone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** Milliseconds the zone is ahead of UTC at an instant. */
export function zoneOffsetMs(instant: number, timezone: string): number {
  return offsetOf(instant, timezone);
}

/**
 * The instant a local wall-clock time denotes. An ambiguous time (fall back) resolves to its first
 * occurrence; a time that does not exist (spring forward) to the instant the clocks jump to.
 */
export function zonedTimeToUtc(localDate: string, hhmm: string, timezone: string): Date {
  const [y, m, d] = localDate.split('-').map(Number);
  const [h, mi] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, h!, mi!);
  const before = zoneOffsetMs(wall - DAY / 2, timezone);
  const after = zoneOffsetMs(wall + DAY / 2, timezone);
  // Try the earlier offset first so an ambiguous time picks its first occurrence.
  for (const offset of before >= after ? [before, after] : [after, before]) {
    const candidate = wall - offset;
    if (zoneOffsetMs(candidate, timezone) === offset) return new Date(candidate);
  }
  // In a gap neither offset round-trips: the wall time is skipped, take where the clock lands.
  return new Date(wall - before);
}

/** The local calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDateOf(instant: Date, timezone: string): string {
  const p = localParts(instant.getTime(), timezone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The local wall-clock time (HH:MM, 24-hour) of an instant in the zone. */
export function localTimeOf(instant: Date, timezone: string): string {
  const p = localParts(instant.getTime(), timezone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** The local date `days` calendar days after a local date (YYYY-MM-DD). */
export function addLocalDays(localDate: string, days: number): string {
  const [y, m, d] = localDate.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** The weekday of a local date (YYYY-MM-DD). */
export function weekdayOf(localDate: string): Weekday {
  const [y, m, d] = localDate.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()]!;
}

/** Opening intervals (as instants) of every local day that touches the window. */
export function openingIntervals(
  rules: Pick<SlotRules, 'timezone' | 'businessHours' | 'closedDates'>,
  from: Date,
  to: Date,
): Interval[] {
  const closed = new Set(rules.closedDates ?? []);
  const out: Interval[] = [];
  const last = addLocalDays(localDateOf(to, rules.timezone), 1);
  for (
    let day = addLocalDays(localDateOf(from, rules.timezone), -1);
    day <= last;
    day = addLocalDays(day, 1)
  ) {
    if (closed.has(day)) continue;
    for (const iv of rules.businessHours[weekdayOf(day)] ?? []) {
      const startsAt = zonedTimeToUtc(day, iv.open, rules.timezone);
      const endsAt = zonedTimeToUtc(day, iv.close, rules.timezone);
      if (endsAt > startsAt && endsAt > from && startsAt < to) out.push({ startsAt, endsAt });
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/**
 * Every bookable slot inside [from, to): within opening hours, not on a closed date, at least the
 * minimum notice after `now`, and clear of every busy interval, each side keeping its buffers.
 * The earliest `limit` of them (at most MAX_SLOTS_PER_QUERY), from at most MAX_CANDIDATES_PER_QUERY
 * grid points and MAX_WINDOW_DAYS days.
 */
export function computeFreeSlots(
  rules: SlotRules,
  query: { from: Date; to: Date; busy: readonly Interval[]; now?: Date; limit?: number },
): Interval[] {
  if (!(rules.slotMinutes > 0)) throw new RangeError('slotMinutes must be positive');
  const length = rules.slotMinutes * MINUTE;
  const stepMinutes = rules.stepMinutes ?? rules.slotMinutes;
  if (!Number.isInteger(stepMinutes) || stepMinutes < MIN_STEP_MINUTES)
    throw new RangeError(`stepMinutes must be a whole number of at least ${MIN_STEP_MINUTES}`);
  const step = stepMinutes * MINUTE;
  const limit = Math.min(query.limit ?? MAX_SLOTS_PER_QUERY, MAX_SLOTS_PER_QUERY);
  const before = (rules.bufferBeforeMinutes ?? 0) * MINUTE;
  const after = (rules.bufferAfterMinutes ?? 0) * MINUTE;
  const earliest = Math.max(
    query.from.getTime(),
    query.now ? query.now.getTime() + (rules.minNoticeMinutes ?? 0) * MINUTE : -Infinity,
  );
  const busy = query.busy.map((b) => [b.startsAt.getTime(), b.endsAt.getTime()] as const);
  const slots: Interval[] = [];
  const to = Math.min(query.to.getTime(), query.from.getTime() + MAX_WINDOW_DAYS * DAY);
  if (!(to > query.from.getTime())) return slots;
  let examined = 0;
  for (const open of openingIntervals(rules, query.from, new Date(to))) {
    const close = open.endsAt.getTime();
    let start = open.startsAt.getTime();
    // Jump over the grid points before the window or the notice rather than walking them.
    if (start < earliest) start += Math.ceil((earliest - start) / step) * step;
    for (; start + length <= close; start += step) {
      const end = start + length;
      if (end > to || slots.length >= limit || ++examined > MAX_CANDIDATES_PER_QUERY) break;
      // Every appointment, existing or proposed, occupies its buffers too.
      if (busy.some(([bs, be]) => start - before < be + after && bs - before < end + after))
        continue;
      slots.push({ startsAt: new Date(start), endsAt: new Date(end) });
    }
    if (slots.length >= limit || examined > MAX_CANDIDATES_PER_QUERY) break;
  }
  return slots;
}

/**
 * Whether one requested slot is bookable under the rules: inside one opening interval, not on a
 * closed date, after the minimum notice, and clear of the busy intervals with their buffers.
 * Unlike the search it does not require the start to lie on the step grid.
 */
export function isSlotOpen(
  rules: SlotRules,
  slot: Interval,
  busy: readonly Interval[],
  now?: Date,
): boolean {
  const start = slot.startsAt.getTime();
  const end = slot.endsAt.getTime();
  if (end <= start) return false;
  if (now && start < now.getTime() + (rules.minNoticeMinutes ?? 0) * MINUTE) return false;
  const inside = openingIntervals(rules, slot.startsAt, slot.endsAt).some(
    (o) => o.startsAt.getTime() <= start && end <= o.endsAt.getTime(),
  );
  if (!inside) return false;
  const before = (rules.bufferBeforeMinutes ?? 0) * MINUTE;
  const after = (rules.bufferAfterMinutes ?? 0) * MINUTE;
  return !busy.some(
    (b) =>
      start - before < b.endsAt.getTime() + after && b.startsAt.getTime() - before < end + after,
  );
}
