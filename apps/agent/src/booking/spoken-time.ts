import { addLocalDays, localDateOf, localTimeOf } from '@receptionist/domain';

/** "today at 3 PM", "tomorrow at 10:30 AM", "Thursday at 9 AM", "Monday, December 8 at 2 PM". */
export function spokenTime(instant: Date, timezone: string, now: Date = new Date()): string {
  const date = localDateOf(instant, timezone);
  const today = localDateOf(now, timezone);
  const [hh, mm] = localTimeOf(instant, timezone).split(':').map(Number) as [number, number];
  const h12 = hh % 12 === 0 ? 12 : hh % 12;
  const clock = `${h12}${mm ? `:${String(mm).padStart(2, '0')}` : ''} ${hh < 12 ? 'AM' : 'PM'}`;
  let day: string;
  if (date === today) day = 'today';
  else if (date === addLocalDays(today, 1)) day = 'tomorrow';
  else {
    const opts: Intl.DateTimeFormatOptions =
      date <= addLocalDays(today, 6)
        ? { weekday: 'long', timeZone: timezone }
        : { weekday: 'long', month: 'long', day: 'numeric', timeZone: timezone };
    day = new Intl.DateTimeFormat('en-US', opts).format(instant);
  }
  return `${day} at ${clock}`;
}
