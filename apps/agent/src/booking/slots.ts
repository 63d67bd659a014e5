import type { BusinessHours } from '@receptionist/domain';
import { addDays, wallClock, zonedToUtc } from './zoned-time.ts';

/**
 * Free-slot arithmetic of the built-in calendar: opening hours in the tenant's zone, minus closed
 * dates, minus busy intervals. Pure, so it can be replaced by the shared calendar module as is.
 */
export interface SlotQuery {
  businessHours: BusinessHours;
  timezone: string;
  closedDates: string[];
  durationMinutes: number;
  from: Date;
  to: Date;
  busy: { startsAt: Date; endsAt: Date }[];
  /** Candidate start times are aligned to this grid inside each opening interval. */
  stepMinutes?: number;
  limit?: number;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

export function computeFreeSlots(q: SlotQuery): Slot[] {
  const step = (q.stepMinutes ?? 30) * 60_000;
  const duration = q.durationMinutes * 60_000;
  const limit = q.limit ?? 50;
  const closed = new Set(q.closedDates);
  const busy = [...q.busy].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const out: Slot[] = [];
  let day = wallClock(q.from, q.timezone).date;
  const lastDay = wallClock(q.to, q.timezone).date;
  while (day <= lastDay && out.length < limit) {
    const weekday = wallClock(zonedToUtc(day, '12:00', q.timezone), q.timezone).weekday;
    const intervals = closed.has(day) ? [] : (q.businessHours[weekday] ?? []);
    for (const iv of intervals) {
      const open = zonedToUtc(day, iv.open, q.timezone).getTime();
      const close = zonedToUtc(day, iv.close, q.timezone).getTime();
      for (let start = open; start + duration <= close; start += step) {
        if (start < q.from.getTime() || start + duration > q.to.getTime()) continue;
        const end = start + duration;
        const clash = busy.some((b) => b.startsAt.getTime() < end && b.endsAt.getTime() > start);
        if (!clash) out.push({ startsAt: new Date(start), endsAt: new Date(end) });
        if (out.length >= limit) break;
      }
      if (out.length >= limit) break;
    }
    day = addDays(day, 1);
  }
  return out;
}

/**
 * Two or three slots worth offering: the first free one, then the next on another half of the day
 * or another day, so the caller hears a real choice rather than 9:00, 9:30, 10:00.
 */
export function pickOffers(slots: Slot[], timezone: string, count = 3): Slot[] {
  const picked: Slot[] = [];
  const seen = new Set<string>();
  for (const s of slots) {
    const w = wallClock(s.startsAt, timezone);
    const bucket = `${w.date}:${w.time < '12:00' ? 'am' : 'pm'}`;
    if (seen.has(bucket)) continue;
    seen.add(bucket);
    picked.push(s);
    if (picked.length >= count) break;
  }
  return picked;
}
