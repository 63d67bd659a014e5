// Today's calendar in the business's timezone: the days a caller can name ({nextTue}, "the 15th",
// "next week", "as soon as possible"), the words for them in English, French and Spanish, and the
// local wall-clock reading of a booking's start. Scenario lines and expectations both read the
// same values, so "tuesday at 10" and the window it is checked against always agree.
import type { DayRef } from './scenario.types.ts';

export interface LocalDay {
  y: number;
  m: number;
  d: number;
  /** 0 = Sunday. */
  dow: number;
}

export type Lang = 'en' | 'fr' | 'es';
export type BusinessHours = Partial<Record<string, { open: string; close: string }[]>>;

const DOW_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_NAMES: Record<Lang, string[]> = {
  en: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  // With the article, as a day is named in Spanish ("el martes"); lines say "para {nextTue:es}".
  es: [
    'el domingo',
    'el lunes',
    'el martes',
    'el miércoles',
    'el jueves',
    'el viernes',
    'el sábado',
  ],
};
const PHRASES: Record<'nextWeek' | 'asap', Record<Lang, string>> = {
  nextWeek: { en: 'next week', fr: 'la semaine prochaine', es: 'la próxima semana' },
  asap: { en: 'as soon as possible', fr: 'dès que possible', es: 'lo antes posible' },
};
const NAMED_DAYS: Partial<Record<DayRef, number>> = {
  nextSun: 0,
  nextMon: 1,
  nextTue: 2,
  nextWed: 3,
  nextThu: 4,
  nextFri: 5,
  nextSat: 6,
};
export const DAY_REFS: DayRef[] = [
  'nextMon',
  'nextTue',
  'nextWed',
  'nextThu',
  'nextFri',
  'nextSat',
  'nextSun',
  'nextWeekday',
  'nextWeekday2',
  'dayOfMonthNextWeek',
  'nextWeek',
  'asap',
];

const partsFormatter = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = partsFormatter.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    partsFormatter.set(tz, f);
  }
  return f;
}

/** The wall clock in tz at an instant. */
export function localParts(at: Date, tz: string): LocalDay & { hh: number; mm: number } {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  const dow = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday!);
  return { y: +p.year!, m: +p.month!, d: +p.day!, dow, hh: +p.hour! % 24, mm: +p.minute! };
}

export function addDays(day: LocalDay, n: number): LocalDay {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), dow: t.getUTCDay() };
}

export const sameDay = (a: LocalDay, b: LocalDay) => a.y === b.y && a.m === b.m && a.d === b.d;
export const dayKey = (d: LocalDay) =>
  `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The instant at which the wall clock in tz reads day at "HH:MM". */
export function zonedInstant(day: LocalDay, time: string, tz: string): Date {
  const wanted = Date.UTC(day.y, day.m - 1, day.d, 0, toMinutes(time));
  let guess = wanted;
  // Two corrections settle any offset, DST changes included.
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), tz);
    const seen = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm);
    guess += wanted - seen;
  }
  return new Date(guess);
}

export interface ScenarioCalendar {
  tz: string;
  now: Date;
  today: LocalDay;
  days: Record<DayRef, LocalDay[]>;
  hours: BusinessHours;
}

const openIntervals = (hours: BusinessHours, day: LocalDay) => hours[DOW_KEYS[day.dow]!] ?? [];

/** The named days as of now in tz, for a business open during hours. */
export function buildCalendar(now: Date, tz: string, hours: BusinessHours): ScenarioCalendar {
  const p = localParts(now, tz);
  const today: LocalDay = { y: p.y, m: p.m, d: p.d, dow: p.dow };
  const ahead = (n: number) => addDays(today, n);
  const days = {} as Record<DayRef, LocalDay[]>;
  for (const [ref, dow] of Object.entries(NAMED_DAYS) as [DayRef, number][]) {
    const n = (dow - today.dow + 7) % 7 || 7;
    days[ref] = [ahead(n)];
  }
  const weekdays: LocalDay[] = [];
  for (let n = 1; weekdays.length < 2; n++) {
    const d = ahead(n);
    if (d.dow >= 1 && d.dow <= 5) weekdays.push(d);
  }
  days.nextWeekday = [weekdays[0]!];
  days.nextWeekday2 = [weekdays[1]!];
  let n = 7;
  while (ahead(n).dow === 0 || ahead(n).dow === 6) n++;
  days.dayOfMonthNextWeek = [ahead(n)];
  const monday = days.nextMon[0]!;
  days.nextWeek = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  // As soon as possible: the next three days with opening time still ahead, today included.
  const nowMinutes = p.hh * 60 + p.mm;
  const asap: LocalDay[] = [];
  for (let i = 0; asap.length < 3 && i < 14; i++) {
    const d = ahead(i);
    const intervals = openIntervals(hours, d);
    const open =
      i === 0 ? intervals.some((x) => toMinutes(x.close) - 30 > nowMinutes) : intervals.length > 0;
    if (open) asap.push(d);
  }
  days.asap = asap;
  return { tz, now, today, days, hours };
}

/** The words a caller uses for a named day, in their language. */
export function spokenDay(cal: ScenarioCalendar, ref: DayRef, lang: Lang = 'en'): string {
  if (ref === 'nextWeek' || ref === 'asap') return PHRASES[ref][lang];
  const day = cal.days[ref][0]!;
  if (ref === 'dayOfMonthNextWeek') {
    if (lang === 'fr') return `le ${day.d === 1 ? '1er' : day.d}`;
    if (lang === 'es') return `el ${day.d}`;
    return `the ${ordinal(day.d)}`;
  }
  const name = DAY_NAMES[lang][day.dow]!;
  // A weekday named on that same weekday means the one a week ahead: say so, as people do.
  if (day.dow === cal.today.dow) {
    if (lang === 'fr') return `${name} prochain`;
    if (lang === 'es') return `el próximo ${name.slice(3)}`;
    return `next ${name}`;
  }
  return name;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const PLACEHOLDER = /\{([A-Za-z0-9]+)(?::(en|fr|es))?\}/g;

/** Fills {dayRef} and {dayRef:fr} in a caller's line; throws on a name it does not know. */
export function fillLine(text: string, cal: ScenarioCalendar): string {
  return text.replace(PLACEHOLDER, (_m, name: string, lang: Lang | undefined) => {
    if (!DAY_REFS.includes(name as DayRef)) throw new Error(`unknown placeholder {${name}}`);
    return spokenDay(cal, name as DayRef, lang ?? 'en');
  });
}

/** The placeholders a text uses, for checking scenario files before anything runs. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Is [start, end) inside the business's opening hours, on one local day? */
export function insideOpeningHours(cal: ScenarioCalendar, start: Date, end: Date): boolean {
  const s = localParts(start, cal.tz);
  const e = localParts(end, cal.tz);
  if (!sameDay(s, e) && !(e.hh === 0 && e.mm === 0)) return false;
  const from = s.hh * 60 + s.mm;
  const to = sameDay(s, e) ? e.hh * 60 + e.mm : 24 * 60;
  return openIntervals(cal.hours, s).some(
    (x) => from >= toMinutes(x.open) && to <= toMinutes(x.close),
  );
}

/** Does a start instant fall on one of the days and within [from, to] local time? */
export function startsWithin(
  cal: ScenarioCalendar,
  start: Date,
  when: { day: DayRef; from?: string; to?: string },
): boolean {
  const p = localParts(start, cal.tz);
  if (!cal.days[when.day].some((d) => sameDay(d, p))) return false;
  const minutes = p.hh * 60 + p.mm;
  if (when.from && minutes < toMinutes(when.from)) return false;
  if (when.to && minutes > toMinutes(when.to)) return false;
  return true;
}

const shortDay = (dow: number) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][dow]!;

/** "Wed 2026-12-02 10:00" in the business's timezone. */
export function describeLocal(cal: ScenarioCalendar, at: Date): string {
  const p = localParts(at, cal.tz);
  return `${shortDay(p.dow)} ${dayKey(p)} ${hhmm(p.hh * 60 + p.mm)}`;
}

export function describeWhen(
  cal: ScenarioCalendar,
  when: { day: DayRef; from?: string; to?: string },
): string {
  const days = cal.days[when.day].map((d) => `${shortDay(d.dow)} ${dayKey(d)}`);
  const span = when.from || when.to ? ` ${when.from ?? 'open'}-${when.to ?? 'close'}` : '';
  return `${when.day} (${days.join(' | ')})${span}`;
}
