import * as W from './when.words.ts';

/**
 * Times of day for the wish parser: a clock time in any of the ways it is said ("10", "10:30",
 * "ten thirty", "half past two", "15 h 30", "diez y media", "trois heures moins le quart"), what
 * governs it ("after", "vers", "antes de las"), and the windows of the day ("in the morning",
 * "l'après-midi", "por la tarde", "after lunch").
 */

const ES_ARTICLE = new Set(['la', 'esta', 'las']);

export type Role = 'at' | 'approx' | 'after' | 'before';
export interface Clock {
  h: number;
  m: number;
  len: number;
  marked: boolean;
  mer?: 'am' | 'pm';
}
export const hhmm = (h: number, m: number) =>
  `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

export function readClock(w: string[], i: number, to: number): Clock | undefined {
  const x = w[i]!;
  if (W.NOON.has(x)) return { h: 12, m: 0, len: 1, marked: true };
  if ((x === 'half' || x === 'quarter') && (w[i + 1] === 'past' || w[i + 1] === 'to')) {
    const c = readClock(w, i + 2, to);
    if (!c || c.m !== 0) return undefined;
    const m = x === 'half' ? 30 : 15;
    return w[i + 1] === 'to'
      ? { ...c, h: c.h - 1, m: 60 - m, len: c.len + 2, marked: true }
      : { ...c, m, len: c.len + 2, marked: true };
  }
  let h: number | undefined;
  let m = 0;
  let marked = false;
  const digits = /^(\d{1,2})(?::(\d{2}))?$/.exec(x);
  if (digits) {
    h = Number(digits[1]);
    if (digits[2] !== undefined) {
      m = Number(digits[2]);
      marked = true;
    }
  } else h = W.HOUR_WORDS.get(x);
  if (h === undefined || h > 24 || m > 59) return undefined;
  let j = i + 1;
  if (x === 'dix' && /^(sept|huit|neuf)$/.test(w[j] ?? '')) h = 10 + W.HOUR_WORDS.get(w[j++]!)!;
  if (x === 'vingt' && /^(et|une|deux|trois)$/.test(w[j] ?? '')) {
    if (w[j] === 'et') j++;
    h = 20 + (W.HOUR_WORDS.get(w[j++] ?? '') ?? 0);
  }
  const minutesAt = (k: number): [number, number] | undefined => {
    const y = w[k];
    if (y === undefined || k >= to) return undefined;
    if (/^[0-5]\d$/.test(y)) return [Number(y), 1];
    const tens = W.MINUTE_TENS.get(y);
    if (tens === undefined) return undefined;
    const unit = W.MINUTE_UNITS.get(w[k + 1] === 'y' ? (w[k + 2] ?? '') : (w[k + 1] ?? ''));
    if (unit !== undefined && tens >= 20) return [tens + unit, w[k + 1] === 'y' ? 3 : 2];
    return [tens, 1];
  };
  if (!marked && W.CLOCK_WORDS.has(w[j] ?? '')) {
    marked = true;
    j++;
  }
  if (!marked || W.CLOCK_WORDS.has(w[j - 1] ?? '')) {
    const mm = h <= 12 || marked ? minutesAt(j) : undefined;
    if (mm && (marked || !digits || mm[0] % 5 === 0)) {
      m = mm[0];
      j += mm[1];
      marked = true;
    }
  }
  const two = `${w[j] ?? ''} ${w[j + 1] ?? ''}`;
  if (/^(et demie?|y media)$/.test(two) || (two === 'and a' && w[j + 2] === 'half')) {
    m = 30;
    j += two === 'and a' ? 3 : 2;
    marked = true;
  } else if (/^(et quart|y cuarto)$/.test(two)) {
    m = 15;
    j += 2;
    marked = true;
  } else if (/^(moins le|moins quart|menos cuarto)$/.test(two)) {
    const le = w[j + 1] === 'le';
    if (!le || w[j + 2] === 'quart') {
      h -= 1;
      m = 45;
      j += le ? 3 : 2;
      marked = true;
    }
  }
  let mer: Clock['mer'];
  if (w[j] === 'am' || w[j] === 'pm') {
    mer = w[j] as 'am' | 'pm';
    marked = true;
    j++;
  } else {
    // "ten in the morning", "3 de la tarde", "7 du soir": peek only, the window words stay.
    let k = j;
    while (k < j + 3 && /^(in|the|du|de|la|l'|at|por|en|this)$/.test(w[k] ?? '')) k++;
    if (k > j || w[k] === 'tonight') {
      if (W.AM.has(w[k] ?? '')) mer = 'am';
      else if (W.PM.has(w[k] ?? '') || w[k] === 'tonight') mer = 'pm';
    }
  }
  if (h < 0 || (h > 23 && !(h === 24 && m === 0))) return undefined;
  return { h: h % 24, m, len: j - i, marked, ...(mer ? { mer } : {}) };
}

/** Where a clock stands: after "after", "before", "around", "between"... */
export function roleBefore(w: string[], i: number, from: number): { role: Role; context: boolean } {
  let k = i - 1;
  let context = false;
  while (k >= from && k > i - 4 && W.SKIPPABLE.has(w[k]!)) {
    context ||= W.TIME_CONTEXT.has(w[k]!);
    k--;
  }
  const x = k >= from ? w[k]! : '';
  context ||=
    W.TIME_CONTEXT.has(x) || ((x === 'it' || x === 'that') && w[k - 1] === 'make') || x === 'for';
  if (W.AFTER_WORDS.has(x)) return { role: 'after', context: true };
  if (W.BEFORE_WORDS.has(x)) return { role: 'before', context: true };
  if (W.APPROX_WORDS.has(x) && !(x === 'about' && /^(how|what)$/.test(w[k - 1] ?? '')))
    return { role: x === 'como' && w[k + 1] !== 'a' ? 'at' : 'approx', context: true };
  const dayBefore = W.WEEKDAYS.has(x) || /^(tomorrow|today|demain|manana|hoy)$/.test(x);
  return { role: 'at', context: context || dayBefore };
}

export interface Part {
  len: number;
  hint: 'am' | 'pm';
  lunch?: boolean;
  win: { after?: string; before?: string };
  early?: { after?: string; before?: string };
  late?: { after?: string; before?: string };
}
const MORNING: Omit<Part, 'len'> = {
  hint: 'am',
  win: { before: '12:00' },
  early: { before: '10:00' },
  late: { after: '10:00', before: '12:00' },
};
const AFTERNOON: Omit<Part, 'len'> = {
  hint: 'pm',
  win: { after: '12:00', before: '17:00' },
  early: { after: '12:00', before: '15:00' },
  late: { after: '15:00', before: '17:00' },
};
const EVENING: Omit<Part, 'len'> = { hint: 'pm', win: { after: '17:00' } };
const LUNCH: Omit<Part, 'len'> = {
  hint: 'pm',
  lunch: true,
  win: { after: '12:00', before: '14:00' },
};

export function daypart(w: string[], i: number, to: number): Part | undefined {
  const x = w[i]!;
  const prev = w[i - 1] ?? '';
  if (/^(mornings?|matin|matinee|matins)$/.test(x) || (x === 'manana' && ES_ARTICLE.has(prev)))
    return { ...MORNING, len: 1 };
  if (x === 'apres' && w[i + 1] === 'midi' && i + 1 < to) return { ...AFTERNOON, len: 2 };
  if (/^(afternoons?|aprem)$/.test(x) || (/^tardes?$/.test(x) && ES_ARTICLE.has(prev)))
    return { ...AFTERNOON, len: 1 };
  if (
    /^(evenings?|tonight|night|soir|soiree|soirs)$/.test(x) ||
    (x === 'noche' && ES_ARTICLE.has(prev))
  )
    return { ...EVENING, len: 1 };
  if (/^(lunch|lunchtime|dejeuner|almuerzo)$/.test(x)) return { ...LUNCH, len: 1 };
  if (x === 'work' && W.AFTER_WORDS.has(prev)) return { ...EVENING, len: 1 };
  if (x === 'first' && w[i + 1] === 'thing')
    return { hint: 'am', win: { before: '10:00' }, len: 2 };
  return undefined;
}

/** Between a shading word and its part of the day: "late in the morning", "tôt le matin". */
const SHADE_GAP = new Set([
  'in',
  'the',
  'that',
  'le',
  'la',
  "l'",
  'de',
  "d'",
  'du',
  'en',
  'dans',
  'por',
  'a',
  'hora',
]);

/**
 * How the words before a part of the day shade it: "early afternoon", "tôt le matin", "en début
 * d'après-midi", "a primera hora de la tarde" (early); "late morning", "en fin de matinée", "a
 * última hora de la mañana" (late); "later that afternoon", "plus tard dans l'après-midi", "más
 * tarde por la tarde" (later: from its start on, with no end).
 */
export function shade(
  w: string[],
  i: number,
  from: number,
): 'early' | 'late' | 'later' | undefined {
  for (let k = i - 1; k >= from && k >= i - 5; k--) {
    const x = w[k]!;
    const prev = w[k - 1] ?? '';
    if (x === 'later' || (x === 'tard' && prev === 'plus') || (x === 'tarde' && prev === 'mas'))
      return 'later';
    if (/^(early|tot|temprano|debut)$/.test(x) || (x === 'primera' && w[k + 1] === 'hora'))
      return 'early';
    if (/^(late|tard|fin)$/.test(x) || (x === 'ultima' && w[k + 1] === 'hora')) return 'late';
    // "tarde" after an article is the afternoon itself ("por la tarde"), not "late".
    if (x === 'tarde' && !ES_ARTICLE.has(prev) && prev !== 'por') return 'late';
    if (!SHADE_GAP.has(x)) return undefined;
  }
  return undefined;
}

export function resolveClock(c: Clock, hint: 'am' | 'pm' | undefined): string {
  let h = c.h;
  if (c.mer === 'pm' && h < 12) h += 12;
  else if (c.mer === 'am' && h === 12) h = 0;
  else if (!c.mer && h >= 1 && h < 12 && (hint === 'pm' ? true : hint !== 'am' && h <= 6)) h += 12;
  return hhmm(h, c.m);
}
