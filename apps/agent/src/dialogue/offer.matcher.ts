import { addLocalDays, localDateOf, localTimeOf } from '@receptionist/domain';
import type { Wish } from '@receptionist/domain';
import type { Command } from './commands.ts';
import type { WhenHit } from './when.parser.ts';

/**
 * Which of the times just offered the caller took: by rank ("the first one", "la deuxième", "el
 * último"), by "the earlier/later one", or by naming it ("the 2pm", "Thursday" when only one offer
 * is on a Thursday). A time that matches no offer is left to be a new wish.
 */

type Choice = Extract<Command, { type: 'choose_offer' }>;

const RANKS: [RegExp, number | 'first' | 'last'][] = [
  [/^(first|1st|premier|premiere|primero|primera|primer)$/, 0],
  [/^(second|2nd|deuxieme|seconde|segundo|segunda)$/, 1],
  [/^(third|3rd|troisieme|tercero|tercera|tercer)$/, 2],
  [/^(fourth|4th|quatrieme|cuarta)$/, 3],
  [/^(last|latter|dernier|derniere|ultimo|ultima)$/, 'last'],
  [/^(former)$/, 'first'],
  [/^(earlier|earliest|sooner|soonest)$/, 'first'],
  [/^(later|latest)$/, 'last'],
];
/** "Whichever is earliest", "whatever you have first", "el que tenga primero": a rank said after. */
const FREE_CHOICE = /^(whichever|whatever|whatever's|whichever's|cualquiera|celui|celle)$/;
const NUMBERS: Record<string, number> = {
  one: 0,
  '1': 0,
  un: 0,
  une: 0,
  uno: 0,
  una: 0,
  two: 1,
  '2': 1,
  deux: 1,
  dos: 1,
  three: 2,
  '3': 2,
  trois: 2,
  tres: 2,
  four: 3,
  '4': 3,
  quatre: 3,
  cuatro: 3,
};
/** Before a rank: "the", "le", "la", "el"; after it: "one", "option", "please", end of clause. */
const ARTICLE = /^(the|le|la|el|l'|that|this|ce|cette|esa|ese|number|option|numero|opcion)$/;
const AFTER_OK =
  /^(one|ones|option|slot|please|works|is|sounds|will|would|time|one's|un|une|opcion|uno|una|por|s'il|,|\.|!|\?)$/;
/** "first time", "primera vez" and "the first available" are not choices. */
const NOT_CHOICE =
  /^(time|visit|available|availability|thing|appointment|fois|visite|disponible|disponibilite|vez|visita|cita|rendez|of|de|week|semaine|semana)$/;

export interface OfferPick {
  choice: Choice;
  /** Token range taken. */
  from: number;
  to: number;
}

/** The rank said within a few words after a free choice ("whatever you have first"). */
function rankAhead(
  words: string[],
  i: number,
  to: number,
): { rank: number | 'first' | 'last'; at: number } | undefined {
  for (let j = i; j < Math.min(to, i + 6); j++) {
    const w = words[j]!;
    if (/^[,.!?;]$/.test(w)) return undefined;
    const next = words[j + 1] ?? '';
    if (/^(mas|plus)$/.test(w) && /^(temprano|temprana|tot|tard|tarde)$/.test(next))
      return { rank: /^(temprano|temprana|tot)$/.test(next) ? 'first' : 'last', at: j + 1 };
    const rank = RANKS.find(([re]) => re.test(w))?.[1];
    if (rank !== undefined) return { rank: rank === 0 ? 'first' : rank, at: j };
  }
  return undefined;
}

/** A choice by rank or by "the earlier / later one". */
export function rankedChoice(
  words: string[],
  from: number,
  to: number,
  free: (i: number) => boolean,
  offers: number,
): OfferPick | undefined {
  for (let i = from; i < to; i++) {
    if (!free(i)) continue;
    const w = words[i]!;
    const prev = words[i - 1] ?? '';
    const next = i + 1 < to ? (words[i + 1] ?? '') : '';
    // "el más temprano", "le plus tôt", "la más tarde"
    if (
      (w === 'mas' || w === 'plus') &&
      /^(temprano|temprana|tot|tard|tarde)$/.test(next) &&
      ARTICLE.test(prev)
    ) {
      const relative = /^(temprano|temprana|tot)$/.test(next) ? 'first' : 'last';
      return { choice: { type: 'choose_offer', relative }, from: i - 1, to: i + 2 };
    }
    if (
      /^(number|option|numero|opcion)$/.test(w) &&
      NUMBERS[next] !== undefined &&
      NUMBERS[next] < offers
    )
      return { choice: { type: 'choose_offer', index: NUMBERS[next] }, from: i, to: i + 2 };
    const freeChoice = FREE_CHOICE.test(w) || (w === 'que' && /^(el|la|lo)$/.test(prev));
    const ahead = freeChoice ? rankAhead(words, i + 1, to) : undefined;
    if (ahead) {
      const { rank } = ahead;
      if (typeof rank === 'number' && rank >= offers) continue;
      const choice: Choice =
        typeof rank === 'number'
          ? { type: 'choose_offer', index: rank }
          : { type: 'choose_offer', relative: rank };
      return { choice, from: i, to: ahead.at + 1 };
    }
    const importe = w === 'importe' && prev === "n'";
    if (
      (/^(either|any|whichever|cualquiera)$/.test(w) || importe) &&
      /^(one|is|works|of|lequel|laquelle|quel|quelle|$)/.test(next)
    )
      return { choice: { type: 'choose_offer', relative: 'first' }, from: i, to: i + 1 };
    const rank = RANKS.find(([re]) => re.test(w))?.[1];
    if (rank === undefined || NOT_CHOICE.test(next)) continue;
    const alone = words.slice(from, to).filter((x) => !/^[,.!?]$/.test(x)).length <= 2;
    const comparative = /^(earl|lat|soon)/.test(w);
    if (!ARTICLE.test(prev) && (comparative || (!AFTER_OK.test(next) && !alone))) continue;
    if (typeof rank === 'number') {
      if (rank >= offers) continue;
      return { choice: { type: 'choose_offer', index: rank }, from: i, to: i + 1 };
    }
    return { choice: { type: 'choose_offer', relative: rank }, from: i, to: i + 1 };
  }
  return undefined;
}

interface Fit {
  index: number;
  at: Date;
}

/** The offers that fit what the caller named. */
function fitting(hit: WhenHit, offers: string[], timezone: string): Fit[] {
  const { wish } = hit;
  return offers
    .map((iso, index) => ({ index, at: new Date(iso) }))
    .filter(({ at }) => {
      const date = localDateOf(at, timezone);
      const time = localTimeOf(at, timezone);
      if (wish.time && time !== wish.time) return false;
      if (wish.after && time < wish.after) return false;
      if (wish.before && time >= wish.before) return false;
      if (hit.weekday !== undefined) {
        if (new Date(`${date}T00:00:00Z`).getUTCDay() !== hit.weekday) return false;
      } else if (wish.date) {
        const last = addLocalDays(wish.date, (wish.days ?? 1) - 1);
        if (date < wish.date || date > last) return false;
      }
      return true;
    });
}

const earliestOf = (fits: Fit[]) => fits.reduce((a, b) => (b.at < a.at ? b : a));
const latestOf = (fits: Fit[]) => fits.reduce((a, b) => (b.at > a.at ? b : a));

/** The one offer that fits what the caller named, if exactly one does. */
export function offerByWish(hit: WhenHit, offers: string[], timezone: string): Choice | undefined {
  const { wish } = hit;
  // "The first available", "as soon as possible": the first of the times on offer.
  if (wish.earliest && !wish.time && !wish.date && hit.weekday === undefined)
    return { type: 'choose_offer', relative: 'first' };
  const fits = fitting(hit, offers, timezone);
  if (wish.earliest && fits.length) return { type: 'choose_offer', index: earliestOf(fits).index };
  return fits.length === 1 ? { type: 'choose_offer', index: fits[0]!.index } : undefined;
}

/** Does the caller name a day ("the earliest you have on Thursday")? */
export const namesDay = (hit: WhenHit) => hit.weekday !== undefined || !!hit.wish.date;

/**
 * "The earliest you have on Thursday", "the latest on Friday": the first or last offer on the day
 * named, not of all the offers; when none is on that day, the wish for that day.
 */
export function rankOnDay(
  rank: 'first' | 'last',
  hit: WhenHit,
  offers: string[],
  timezone: string,
): Command {
  const fits = fitting(hit, offers, timezone);
  if (fits.length)
    return {
      type: 'choose_offer',
      index: (rank === 'first' ? earliestOf(fits) : latestOf(fits)).index,
    };
  return { type: 'set_when', wish: rank === 'first' ? { ...hit.wish, earliest: true } : hit.wish };
}

export interface Beyond {
  direction: 'later' | 'earlier';
  from: number;
  to: number;
}

/** Lengths of time before "later": "an hour later", "a day later" are read elsewhere. */
const UNIT =
  /^(hours?|minutes?|mins?|days?|weeks?|heures?|jours?|semaines?|horas?|minutos?|dias?|semanas?)$/;

/**
 * "Anything later?", "something earlier?", "plus tard ?", "¿algo más temprano?": other times than
 * those offered, past them; not "the later one" (a choice) nor "later than 3" (a time).
 */
export function beyondOffers(
  words: string[],
  from: number,
  to: number,
  free: (i: number) => boolean,
): Beyond | undefined {
  for (let i = from; i < to; i++) {
    if (!free(i)) continue;
    const w = words[i]!;
    const next = i + 1 < to ? (words[i + 1] ?? '') : '';
    let len: number;
    let direction: Beyond['direction'] = 'later';
    if (/^(later|earlier|sooner)$/.test(w)) {
      len = 1;
      if (w !== 'later') direction = 'earlier';
    } else if (w === 'plus' && /^(tard|tot)$/.test(next)) {
      len = 2;
      if (next === 'tot') direction = 'earlier';
    } else if (w === 'mas' && /^(tarde|temprano)$/.test(next)) {
      len = 2;
      if (next === 'temprano') direction = 'earlier';
    } else continue;
    const prev = words[i - 1] ?? '';
    const after = words[i + len] ?? '';
    if (ARTICLE.test(prev) || /^(el|lo|la)$/.test(prev) || UNIT.test(prev)) continue;
    if (/^(one|ones|than|que|de|option|slot)$/.test(after) && i + len < to) continue;
    return { direction, from: i, to: i + len };
  }
  return undefined;
}

/**
 * The window past the offers (on the day named, if one is): later than the last offer, on its
 * day; earlier than the first one, on its day. None when no offer is on the day named.
 */
export function windowBeyond(
  b: Beyond,
  hit: WhenHit | undefined,
  offers: string[],
  timezone: string,
): Wish | undefined {
  const onDay =
    hit && namesDay(hit)
      ? fitting({ ...hit, wish: pickDay(hit.wish) }, offers, timezone)
      : undefined;
  const fits = onDay ?? offers.map((iso, index) => ({ index, at: new Date(iso) }));
  if (!fits.length) return undefined;
  const edge = b.direction === 'later' ? latestOf(fits).at : earliestOf(fits).at;
  const wish: Wish = { ...(hit?.wish ?? {}), date: localDateOf(edge, timezone) };
  delete wish.time;
  delete wish.approx;
  delete wish.days;
  const time = localTimeOf(edge, timezone);
  if (b.direction === 'later') wish.after = wish.after && wish.after > time ? wish.after : time;
  else wish.before = wish.before && wish.before < time ? wish.before : time;
  return wish;
}

const pickDay = (wish: Wish): Wish => ({
  ...(wish.date ? { date: wish.date } : {}),
  ...(wish.days ? { days: wish.days } : {}),
});
