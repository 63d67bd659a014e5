import { addLocalDays, localDateOf, localTimeOf, type Weekday } from '@receptionist/domain';

/** Languages the agent says times in; any other tag is said in English. */
export type SpokenLanguage = 'en' | 'fr' | 'es';

const LOCALES: Record<SpokenLanguage, string> = { en: 'en-US', fr: 'fr-FR', es: 'es-ES' };

/** The spoken language of a BCP 47 tag ("fr-CA" → 'fr'); English for any other. */
export function spokenLanguageOf(tag: string | null | undefined): SpokenLanguage {
  const base = (tag ?? '').slice(0, 16).toLowerCase().split('-')[0];
  return base === 'fr' || base === 'es' ? base : 'en';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function format(lang: SpokenLanguage, opts: Intl.DateTimeFormatOptions, instant: Date): string {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(LOCALES[lang], opts)));
  return f.format(instant);
}

/**
 * A wall-clock time (HH:MM) as said aloud: "1 PM", "10:30 AM"; "13 h", "9 h 05", "midi";
 * "la 1 de la tarde", "las 10:30 de la mañana".
 */
export function spokenClock(time: string, lang: SpokenLanguage = 'en'): string {
  const hh = Number(time.slice(0, 2));
  const mm = Number(time.slice(3, 5));
  const h12 = hh % 12 === 0 ? 12 : hh % 12;
  const minutes = String(mm).padStart(2, '0');
  if (lang === 'fr') {
    if (mm === 0 && hh === 12) return 'midi';
    if (mm === 0 && hh === 0) return 'minuit';
    return mm ? `${hh} h ${minutes}` : `${hh} h`;
  }
  if (lang === 'es') {
    // Spoken Spanish counts on a 12-hour clock and names the part of the day.
    return `${h12 === 1 ? 'la' : 'las'} ${h12}${mm ? `:${minutes}` : ''} ${spanishPartOfDay(hh)}`;
  }
  return `${h12}${mm ? `:${minutes}` : ''} ${hh < 12 ? 'AM' : 'PM'}`;
}

function spanishPartOfDay(hour: number): string {
  if (hour < 1 || hour >= 20) return 'de la noche';
  if (hour < 6) return 'de la madrugada';
  if (hour < 12) return 'de la mañana';
  if (hour < 13) return 'del mediodía';
  return 'de la tarde';
}

// Any week's dates name the weekdays; 2030-03-04 was a Monday.
const WEEKDAY_DATES: Record<Weekday, string> = {
  mon: '2030-03-04',
  tue: '2030-03-05',
  wed: '2030-03-06',
  thu: '2030-03-07',
  fri: '2030-03-08',
  sat: '2030-03-09',
  sun: '2030-03-10',
};

/**
 * A weekday's name: "Saturday", "samedi", "sábado". `every` for habits ("we close at 1 on
 * Saturdays"): "Saturdays", "le samedi", "los sábados".
 */
export function spokenWeekday(
  weekday: Weekday,
  lang: SpokenLanguage = 'en',
  form: 'one' | 'every' = 'one',
): string {
  const name = format(
    lang,
    { weekday: 'long', timeZone: 'UTC' },
    new Date(`${WEEKDAY_DATES[weekday]}T12:00:00Z`),
  );
  if (form === 'one') return name;
  if (lang === 'fr') return `le ${name}`;
  // "sábado" and "domingo" take an s; "lunes" to "viernes" already end in one.
  if (lang === 'es') return `los ${name.endsWith('s') ? name : `${name}s`}`;
  return `${name}s`;
}

/**
 * When an instant is, said aloud in the tenant's timezone, relative to now:
 * en "today at 3 PM", "tomorrow at 10:30 AM", "Thursday at 9 AM", "Monday, December 8 at 2 PM";
 * fr "demain à 10 h", "jeudi à 9 h", "jeudi 3 décembre à 14 h 30";
 * es "mañana a las 10 de la mañana", "el jueves a las 9 de la mañana",
 * "el jueves 3 de diciembre a las 2:30 de la tarde".
 */
export function spokenTime(
  instant: Date,
  timezone: string,
  now: Date = new Date(),
  lang: SpokenLanguage = 'en',
): string {
  const day = spokenDay(instant, timezone, now, lang);
  const clock = spokenClock(localTimeOf(instant, timezone), lang);
  return `${day} ${lang === 'en' ? 'at' : lang === 'fr' ? 'à' : 'a'} ${clock}`;
}

/**
 * The day of an instant, said aloud relative to now: "tomorrow", "Thursday", "Monday, December 8";
 * "demain", "jeudi", "jeudi 3 décembre"; "mañana", "el jueves", "el jueves 3 de diciembre".
 */
export function spokenDay(
  instant: Date,
  timezone: string,
  now: Date = new Date(),
  lang: SpokenLanguage = 'en',
): string {
  const date = localDateOf(instant, timezone);
  const today = localDateOf(now, timezone);
  const relative = date === today ? 0 : date === addLocalDays(today, 1) ? 1 : undefined;
  const withinWeek = date <= addLocalDays(today, 6);
  if (lang === 'en') {
    if (relative === 0) return 'today';
    if (relative === 1) return 'tomorrow';
    const opts: Intl.DateTimeFormatOptions = withinWeek
      ? { weekday: 'long', timeZone: timezone }
      : { weekday: 'long', month: 'long', day: 'numeric', timeZone: timezone };
    return format('en', opts, instant);
  }
  const weekday = format(lang, { weekday: 'long', timeZone: timezone }, instant);
  const dayOfMonth = Number(date.slice(8, 10));
  const month = format(lang, { month: 'long', timeZone: timezone }, instant);
  if (lang === 'fr')
    return relative === 0
      ? "aujourd'hui"
      : relative === 1
        ? 'demain'
        : withinWeek
          ? weekday
          : `${weekday} ${dayOfMonth === 1 ? '1er' : dayOfMonth} ${month}`;
  return relative === 0
    ? 'hoy'
    : relative === 1
      ? 'mañana'
      : withinWeek
        ? `el ${weekday}`
        : `el ${weekday} ${dayOfMonth} de ${month}`;
}
