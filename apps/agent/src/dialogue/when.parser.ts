import type { Wish } from '@receptionist/domain';
import { dayNumber, resolveDate, type DateParts } from './when.calendar.ts';
import {
  daypart,
  readClock,
  resolveClock,
  roleBefore,
  shade,
  type Clock,
  type Role,
} from './when.clock.ts';
import * as W from './when.words.ts';
import {
  contrastAfter,
  durationAfter,
  endsThought,
  negated,
  rejectionAfter,
} from './when.revision.ts';

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
  /** A time or day was turned down beside this one ("10 not 9", "3 is too late"). */
  rejected?: boolean;
}

interface State extends DateParts {
  times: { c: Clock; role: Role }[];
  win?: { after?: string; before?: string };
  hint?: 'am' | 'pm';
  earliest?: boolean;
  rejected?: boolean;
  /** The last word read was turned down: the wish does not start there. */
  skip?: boolean;
  first?: number;
  last: number;
}

const DAYPART_DEMONSTRATIVE = new Set(['this', 'ce', 'cet', 'cette', 'esta']);
const ES_ARTICLE = new Set(['la', 'esta', 'las']);

/** Was a day or time already read? */
const said = (s: State) => s.times.length > 0 || s.weekdays.length > 0;

function seq(w: string[], i: number, to: number, p: readonly string[]): boolean {
  if (i + p.length > to) return false;
  for (let k = 0; k < p.length; k++) if (w[i + k] !== p[k]) return false;
  return true;
}

/** Words that can begin a date or time; any other word is passed over at once. */
const OPENERS = new Set([
  ...[...W.EARLIEST, ...W.WEEK_SEQS.map(([p]) => p), ...W.RELATIVE.map(([p]) => p)].map(
    (p) => p[0]!,
  ),
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
  for (const p of W.EARLIEST)
    if (seq(w, i, to, p)) {
      s.earliest = true;
      return p.length;
    }
  for (const [p, k] of W.WEEK_SEQS)
    if (seq(w, i, to, p)) {
      s.week ??= k;
      return p.length;
    }
  for (const [p, n] of W.RELATIVE)
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
    const turnedDown = rejectionAfter(w, i + len, to);
    if (negated(w, i, from, said(s)) || turnedDown) s.rejected = s.skip = true;
    else s.weekdays.push({ d: wd, next, thisWeek });
    return len + turnedDown;
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
    else {
      const sh = shade(w, i, from);
      if (sh === 'later') win = part.win.after ? { after: part.win.after } : win;
      else if (sh) win = part[sh] ?? win;
    }
    if (negated(w, i, from))
      win = part.hint === 'am' ? { after: '12:00' } : { before: part.win.after ?? '12:00' };
    else s.hint ??= part.hint;
    s.win = win;
    if (DAYPART_DEMONSTRATIVE.has(prev) || x === 'tonight') s.relative ??= 0;
    return part.len;
  }
  const c = readClock(w, i, to);
  const prev = w[i - 1] ?? '';
  // "in 2 days", "d'une heure", "une heure plus tard": lengths of time, not times of day.
  if (
    c &&
    !W.NOT_TIME_AFTER.has(w[i + c.len] ?? '') &&
    !/^(in|en|dans|d')$/.test(prev) &&
    !durationAfter(w, i + c.len)
  ) {
    const { role, context } = roleBefore(w, i, from);
    const word = !/^\d/.test(x);
    // "the third one", "that one": a rank, not one o'clock.
    if (
      x === 'one' &&
      /^(the|that|this|which|any|first|second|third|fourth|last|other|a)$/.test(prev)
    )
      return 0;
    const after = i + c.len;
    // "can we do 1", "let's try 3 then": said alone after "do", a number is a time.
    const done = /^(do|try)$/.test(prev) && endsThought(w, after, to);
    const heard =
      c.marked ||
      (context && (!word || !/^(a|la)$/.test(prev) || x === 'una')) ||
      ctx.bare ||
      done ||
      W.CORRECTION_LEAD.has(prev);
    // A time turned down is read (it is a time) and dropped; one beside it is a time, even bare.
    const turnedDown = role === 'at' ? rejectionAfter(w, after, to) : 0;
    if (
      turnedDown ||
      (role === 'at' && negated(w, i, from, said(s)) && (heard || endsThought(w, after, to)))
    ) {
      s.rejected = s.skip = true;
      return c.len + turnedDown;
    }
    if (!(heard || (s.rejected && endsThought(w, after, to)) || contrastAfter(w, after, to)))
      return 0;
    // "between 2 and 4", "entre 14h et 16h", "from 10 to 12", "de 2 a 4"
    const link = w[after] ?? '';
    const rangeStart = /^(between|entre|from|de|desde)$/.test(prev) || w[i - 2] === 'entre';
    if (rangeStart && /^(and|et|y|to|a|hasta|till|until)$/.test(link)) {
      const k = after + 1 + (/^(las|la)$/.test(w[after + 1] ?? '') ? 1 : 0);
      const c2 = k < to ? readClock(w, k, to) : undefined;
      if (c2) {
        s.times.push({ c, role: 'after' }, { c: c2, role: 'before' });
        return k + c2.len - i;
      }
    }
    const approx =
      /^(ish|environ|aproximadamente)$/.test(link) || (link === 'or' && w[after + 1] === 'so');
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
      if (!s.skip) s.first ??= i;
      s.skip = false;
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
    ...(s.rejected ? { rejected: true } : {}),
  };
}

const CONNECTORS = /^(at|on|the|in|this|next|around|about|las|la|de|du|le|el|vers|l')$/;

/** Where a day or time said from word i ends ("on Wednesday at 3" ends after the 3); i if none is. */
export function whenEnd(
  w: string[],
  i: number,
  to: number,
  free: (i: number) => boolean,
  ctx: WhenContext,
): number {
  const s: State = { weekdays: [], times: [], last: i };
  let end = i;
  for (let j = i; j < to && j < i + 8;) {
    const n = free(j) ? step(w, j, to, i, s, ctx) : 0;
    if (n > 0) end = j += n;
    // "de mardi à 10h" is one time; "de mardi à jeudi" is two.
    else if (CONNECTORS.test(w[j]!) || (w[j] === 'a' && /^(las|la|\d)/.test(w[j + 1] ?? ''))) j++;
    else break;
  }
  return end;
}
