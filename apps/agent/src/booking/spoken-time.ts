import { addDays, wallClock } from './zoned-time.ts';

/** "today at 3 PM", "tomorrow at 10:30 AM", "Thursday at 9 AM", "Monday, December 8 at 2 PM". */
export function spokenTime(instant: Date, timezone: string, now: Date = new Date()): string {
  const w = wallClock(instant, timezone);
  const today = wallClock(now, timezone).date;
  const [hh, mm] = w.time.split(':').map(Number) as [number, number];
  const h12 = hh % 12 === 0 ? 12 : hh % 12;
  const clock = `${h12}${mm ? `:${String(mm).padStart(2, '0')}` : ''} ${hh < 12 ? 'AM' : 'PM'}`;
  let day: string;
  if (w.date === today) day = 'today';
  else if (w.date === addDays(today, 1)) day = 'tomorrow';
  else {
    const opts: Intl.DateTimeFormatOptions =
      w.date <= addDays(today, 6)
        ? { weekday: 'long', timeZone: timezone }
        : { weekday: 'long', month: 'long', day: 'numeric', timeZone: timezone };
    day = new Intl.DateTimeFormat('en-US', opts).format(instant);
  }
  return `${day} at ${clock}`;
}
