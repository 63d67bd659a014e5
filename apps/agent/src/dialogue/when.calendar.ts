import { addLocalDays } from '@receptionist/domain';
import * as W from './when.words.ts';

/** Days for the wish parser: the local dates that "Thursday", "the 15th", "next week" name. */

export interface DateParts {
  monthDay?: [number, number];
  dayOnly?: number;
  weekdays: { d: number; next: boolean; thisWeek: boolean }[];
  relative?: number;
  week?: 'next' | 'this' | 'weekend' | 'nextWeekend';
}

export function dayNumber(word: string | undefined): number | undefined {
  if (!word) return undefined;
  const m = /^(\d{1,2})(st|nd|rd|th|er|e|o|a)?$/.exec(word);
  const n = m ? Number(m[1]) : W.ORDINAL_DAYS.get(word);
  return n !== undefined && n >= 1 && n <= 31 ? n : undefined;
}

function weekdayDate(today: string, d: number, next: boolean, thisWeek: boolean): string {
  const d0 = new Date(`${today}T00:00:00Z`).getUTCDay();
  if (next) {
    const toMonday = (8 - d0) % 7 || 7;
    return addLocalDays(today, toMonday + ((d + 6) % 7));
  }
  const delta = (d - d0 + 7) % 7;
  return addLocalDays(today, delta === 0 && !thisWeek ? 7 : delta);
}

function validDate(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 ? t.toISOString().slice(0, 10) : undefined;
}

export function resolveDate(
  s: DateParts,
  today: string,
): { date?: string; days?: number; weekday?: number } {
  const [y, mo, da] = today.split('-').map(Number) as [number, number, number];
  if (s.monthDay) {
    const [m, d] = s.monthDay;
    const date = validDate(y, m, d);
    return { date: date && date >= today ? date : validDate(y + 1, m, d) };
  }
  if (s.dayOnly !== undefined) {
    const d = s.dayOnly;
    return {
      date: d >= da ? validDate(y, mo, d) : validDate(mo === 12 ? y + 1 : y, (mo % 12) + 1, d),
    };
  }
  const d0 = new Date(`${today}T00:00:00Z`).getUTCDay();
  if (s.weekdays.length) {
    const inNext = s.week === 'next';
    const dates = s.weekdays
      .map((x) => weekdayDate(today, x.d, x.next || inNext, x.thisWeek))
      .sort();
    const span = (Date.parse(dates[dates.length - 1]!) - Date.parse(dates[0]!)) / 86_400_000 + 1;
    const first = s.weekdays.find(
      (x) => weekdayDate(today, x.d, x.next || inNext, x.thisWeek) === dates[0],
    );
    return { date: dates[0], ...(span > 1 && span <= 7 ? { days: span } : {}), weekday: first?.d };
  }
  if (s.relative !== undefined) return { date: addLocalDays(today, s.relative) };
  if (s.week === 'next') return { date: addLocalDays(today, (8 - d0) % 7 || 7), days: 7 };
  if (s.week === 'this') return { date: today, days: 7 - ((d0 + 6) % 7) };
  if (s.week === 'weekend' || s.week === 'nextWeekend') {
    const sat = ((6 - d0 + 7) % 7) + (s.week === 'nextWeekend' ? 7 : 0);
    return {
      date: addLocalDays(today, d0 === 0 && s.week === 'weekend' ? 0 : sat),
      days: d0 === 0 ? 1 : 2,
    };
  }
  return {};
}
