import type { Wish } from '@receptionist/domain';
import { dayNumber, resolveDate, type DateParts } from './when.calendar.ts';
import {
  daypart,
  readClock,
  resolveClock,
  roleBefore,
  type Clock,
  type Role,
} from './when.clock.ts';
import * as W from './when.words.ts';

/**
 * Reads when a caller wants to come from normalised words, in the tenant's local calendar: days
 * ("tomorrow", "jeudi", "el martes", "the 15th", "next week"), times ("at 10", "half past two",
 * "15h30", "a las diez y media"), windows ("in the morning", "after 4", "between 2 and 4") and
 * "as soon as possible". A hand-written scanner rather than chrono: it reads the three languages
 * the same way, and each word is looked at a bounded number of times.
 */

export interface WhenContext {
  /** Today's local date (YYYY-MM-DD) in the tenant's timezone. */
  today: string;
  /** A bare number is a time ("10" when asked "what time?"). */
  bare: boolean;
}

export interface WhenHit {
  wish: Wish;
  /** First and last+1 word read. */
  start: number;
  end: number;
  /** The weekday, when the caller named one ("Thursday"): offers match on it. */
  weekday?: number;
}

interface State extends DateParts {
  times: { c: Clock; role: Role }[];
  win?: { after?: string; before?: string };
  hint?: 'am' | 'pm';
  earliest?: boolean;
  first?: number;
  last: number;
}

const EARLIEST = [
  'as soon as possible',
  'asap',
  'earliest',
  'soonest',
  'first available',
  'next available',
  'first opening',
  'next opening',
  'des que possible',
  'au plus vite',
  'le plus tot possible',
  'le plus vite possible',
  'au plus tot',
  'premiere disponibilite',
  'premier creneau',
  'lo antes posible',
  'lo mas pronto posible',
  'cuanto antes',
  'lo mas pronto',
  'lo primero disponible',
].map((p) => p.split(' '));
const RELATIVE: [string[], number][] = [
  [['day', 'after', 'tomorrow'], 2],
  [['apres', 'demain'], 2],
  [['pasado', 'manana'], 2],
  [['tomorrow'], 1],
  [['tmrw'], 1],
  [['tomorow'], 1],
  [['demain'], 1],
  [['manana'], 1],
  [['today'], 0],
  [["aujourd'hui"], 0],
  [['hoy'], 0],
];
const WEEKS: [string, State['week']][] = [
  ['next week', 'next'],
  ['semaine prochaine', 'next'],
  ['semana que viene', 'next'],
  ['proxima semana', 'next'],
  ['semana proxima', 'next'],
  ['this week', 'this'],
  ['cette semaine', 'this'],
  ['esta semana', 'this'],
  ['next weekend', 'nextWeekend'],
  ['weekend', 'weekend'],
  ['week end', 'weekend'],
  ['fin de semana', 'weekend'],
];
const WEEK_SEQS = WEEKS.map(([p, k]) => [p.split(' '), k] as const);
const DAYPART_DEMONSTRATIVE = new Set(['this', 'ce', 'cet', 'cette', 'esta']);
const ES_ARTICLE = new Set(['la', 'esta', 'las']);

function seq(w: string[], i: number, to: number, p: readonly string[]): boolean {
  if (i + p.length > to) return false;
  for (let k = 0; k < p.length; k++) if (w[i + k] !== p[k]) return false;
  return true;
}

/** Was the word at i said under a negation ("not Thursday", "pas le matin", "no puedo en la manana")? */
function negated(w: string[], i: number, from: number): boolean {
  for (let k = i - 1; k >= Math.max(from, i - 3); k--) {
    const x = w[k]!;
    if (x === ',' || x === '.' || x === '?' || x === '!') return false;
    if (W.NEGATIONS.has(x)) return true;
    if (x === 'no' && /^(puedo|me|es|quiero|podria)$/.test(w[k + 1] ?? '')) return true;
  }
  return false;
}

/** A clock time starting at i: "10", "10:30", "ten thirty", "half past two", "15 h 30", "diez y media". */
/** Words that can begin a date or time; any other word is passed over at once. */
const OPENERS = new Set([
  ...[...EARLIEST, ...WEEK_SEQS.map(([p]) => p), ...RELATIVE.map(([p]) => p)].map((p) => p[0]!),
  ...W.WEEKDAYS.keys(),
  ...W.MONTHS.keys(),
  ...W.HOUR_WORDS.keys(),
  ...W.ORDINAL_DAYS.keys(),
  ...W.NOON,
  ...'in dans en half quarter first work apres tarde tardes noche manana lunch lunchtime dejeuner almuerzo tonight night evening evenings morning mornings afternoon afternoons aprem matin matinee matins soir soiree soirs'.split(
    ' ',
  ),
]);

function step(
  w: string[],
  i: number,
  to: number,
  from: number,
  s: State,
  ctx: WhenContext,
): number {
  const x = w[i]!;
  if (!OPENERS.has(x) && !/^\d/.test(x)) return 0;
  for (const p of EARLIEST)
    if (seq(w, i, to, p)) {
      s.earliest = true;
      return p.length;
    }
  for (const [p, k] of WEEK_SEQS)
    if (seq(w, i, to, p)) {
      s.week ??= k;
      return p.length;
    }
  for (const [p, n] of RELATIVE)
    if (seq(w, i, to, p) && !(x === 'manana' && ES_ARTICLE.has(w[i - 1] ?? ''))) {
      s.relative ??= n;
      return p.length;
    }
  if (/^(in|dans|en)$/.test(x)) {
    const y = w[i + 1] ?? '';
    const n = /^\d{1,2}$/.test(y)
      ? Number(y)
      : /^(a|an|un|une|una|uno)$/.test(y)
        ? 1
        : W.HOUR_WORDS.get(y);
    const unit = w[i + 2] ?? '';
    if (n !== undefined && /^(days?|jours?|dias?)$/.test(unit)) s.relative ??= n;
    else if (n !== undefined && /^(weeks?|semaines?|semanas?)$/.test(unit)) s.relative ??= 7 * n;
    else return 0;
    return 3;
  }
  const wd = W.WEEKDAYS.get(x);
  if (wd !== undefined) {
    let len = 1;
    const prev = w[i - 1] ?? '';
    let next = /^(next|proximo|proxima)$/.test(prev);
    const thisWeek = /^(this|coming|ce|este|esta)$/.test(prev);
    if (/^(prochain|prochaine|proximo)$/.test(w[i + 1] ?? '')) len = 2;
    else if (w[i + 1] === 'que' && w[i + 2] === 'viene') len = 3;
    if (len > 1) next = true;
    if (!negated(w, i, from)) s.weekdays.push({ d: wd, next, thisWeek });
    return len;
  }
  const mon = W.MONTHS.get(x);
  const d1 = dayNumber(w[i + 1]);
  if (mon !== undefined && d1 !== undefined && !W.CLOCK_WORDS.has(w[i + 2] ?? '')) {
    s.monthDay ??= [mon, d1];
    return 2;
  }
  const d0 = dayNumber(x);
  if (d0 !== undefined) {
    const ofMonth = /^(of|de)$/.test(w[i + 1] ?? '') ? 2 : 1;
    const m2 = W.MONTHS.get(w[i + ofMonth] ?? '');
    if (m2 !== undefined && (/\d/.test(x) || ofMonth === 2 || W.ORDINAL_DAYS.has(x))) {
      s.monthDay ??= [m2, d0];
      return ofMonth + 1;
    }
    const ordinal = /^\d{1,2}(st|nd|rd|th|er)$/.test(x);
    const prev = w[i - 1] ?? '';
    const marked = W.CLOCK_WORDS.has(w[i + 1] ?? '') || /^(am|pm)$/.test(w[i + 1] ?? '');
    if (
      ordinal ||
      (/^\d+$/.test(x) && !marked && (/^(le|el)$/.test(prev) || (prev === 'the' && d0 > 12)))
    ) {
      s.dayOnly ??= d0;
      return 1;
    }
  }
  const part = daypart(w, i, to);
  if (part) {
    const prev = w[i - 1] ?? '';
    let win = part.win;
    if (part.lunch && W.AFTER_WORDS.has(prev)) win = { after: '13:00' };
    else if (part.lunch && W.BEFORE_WORDS.has(prev)) win = { before: '12:00' };
    else if (prev === 'early' || prev === 'late') win = part[prev] ?? win;
    if (negated(w, i, from))
      win = part.hint === 'am' ? { after: '12:00' } : { before: part.win.after ?? '12:00' };
    else s.hint ??= part.hint;
    s.win = win;
    if (DAYPART_DEMONSTRATIVE.has(prev) || x === 'tonight') s.relative ??= 0;
    return part.len;
  }
  const c = readClock(w, i, to);
  if (c && !W.NOT_TIME_AFTER.has(w[i + c.len] ?? '') && !/^(in|en|dans)$/.test(w[i - 1] ?? '')) {
    const { role, context } = roleBefore(w, i, from);
    const word = !/^\d/.test(x);
    // "the third one", "that one": a rank, not one o'clock.
    if (
      x === 'one' &&
      /^(the|that|this|which|any|first|second|third|fourth|last|other|a)$/.test(w[i - 1] ?? '')
    )
      return 0;
    if (!(
      c.marked ||
      (context && (!word || !/^(a|la)$/.test(w[i - 1] ?? '') || x === 'una')) ||
      ctx.bare
    ))
      return 0;
    // "between 2 and 4", "entre 14h et 16h", "from 10 to 12", "de 2 a 4"
    const link = w[i + c.len] ?? '';
    const rangeStart =
      /^(between|entre|from|de|desde)$/.test(w[i - 1] ?? '') || w[i - 2] === 'entre';
    if (rangeStart && /^(and|et|y|to|a|hasta|till|until)$/.test(link)) {
      const k = i + c.len + 1 + (/^(las|la)$/.test(w[i + c.len + 1] ?? '') ? 1 : 0);
      const c2 = k < to ? readClock(w, k, to) : undefined;
      if (c2) {
        s.times.push({ c, role: 'after' }, { c: c2, role: 'before' });
        return k + c2.len - i;
      }
    }
    const approx =
      /^(ish|environ|aproximadamente)$/.test(link) || (link === 'or' && w[i + c.len + 1] === 'so');
    s.times.push({ c, role: approx && role === 'at' ? 'approx' : role });
    return c.len + (approx ? (link === 'or' ? 2 : 1) : 0);
  }
  return 0;
}

export function parseWhen(
  w: string[],
  from: number,
  to: number,
  free: (i: number) => boolean,
  ctx: WhenContext,
): WhenHit | undefined {
  const s: State = { weekdays: [], times: [], last: from };
  for (let i = from; i < to;) {
    const n = free(i) ? step(w, i, to, from, s, ctx) : 0;
    if (n > 0) {
      s.first ??= i;
      s.last = i + n;
      i += n;
    } else i++;
  }
  if (s.first === undefined) return undefined;
  const { date, days, weekday } = resolveDate(s, ctx.today);
  const wish: Wish = {};
  if (date) wish.date = date;
  if (days && days > 1) wish.days = days;
  for (const { c, role } of s.times) {
    const t = resolveClock(c, s.hint);
    if (role === 'after') wish.after = t;
    else if (role === 'before') wish.before = t;
    else {
      wish.time = t;
      if (role === 'approx') wish.approx = true;
      else delete wish.approx;
    }
  }
  if (!wish.time && s.win) {
    wish.after ??= s.win.after;
    wish.before ??= s.win.before;
    if (!wish.after) delete wish.after;
    if (!wish.before) delete wish.before;
  }
  if (s.earliest) wish.earliest = true;
  if (!Object.keys(wish).length) return undefined;
  return {
    wish,
    start: s.first,
    end: s.last,
    ...(weekday !== undefined && !s.monthDay ? { weekday } : {}),
  };
}
