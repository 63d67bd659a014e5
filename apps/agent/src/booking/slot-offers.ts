import { localDateOf, localTimeOf } from '@receptionist/domain';
import type { Slot } from '@receptionist/integrations/calendar';

/**
 * Two or three slots worth offering: the first free one, then the next on another half of the day
 * or another day, so the caller hears a real choice rather than 9:00, 9:30, 10:00.
 */
export function pickOffers(slots: Slot[], timezone: string, count = 3): Slot[] {
  const picked: Slot[] = [];
  const seen = new Set<string>();
  for (const s of slots) {
    const half = localTimeOf(s.startsAt, timezone) < '12:00' ? 'am' : 'pm';
    const bucket = `${localDateOf(s.startsAt, timezone)}:${half}`;
    if (seen.has(bucket)) continue;
    seen.add(bucket);
    picked.push(s);
    if (picked.length >= count) break;
  }
  return picked;
}
