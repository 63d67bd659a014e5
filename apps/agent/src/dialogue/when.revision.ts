import type { Wish } from '@receptionist/domain';
import { daypart } from './when.clock.ts';
import * as W from './when.words.ts';

/**
 * A caller changes their mind in the same breath: a time or day turned down beside the one they
 * want ("10 not 9", "not 9, 10", "10 instead of 9", "3 is too late, can we do 1", "le vendredi ne
 * me va pas", "a las 3 no puedo"), or a day taken back ("Friday, no wait, Monday"). What is turned
 * down or taken back is never a wish; beside a turned-down time, a bare number is a time.
 */

const PUNCT = /^[,.!?;]$/;
/** After a negation, these do not negate what follows: "I don't mind 9". */
const NOT_NEGATING = /^(mind|care|matter|importa|problem|probleme|problema)$/;

/**
 * Was the word at i said under a negation ("not Thursday", "pas le matin", "instead of 9")?
 * `after` tells that a day or time was already said: "a las 10, no a las 9".
 */
export function negated(w: string[], i: number, from: number, after = false): boolean {
  for (let k = i - 1; k >= Math.max(from, i - 3); k--) {
    const x = w[k]!;
    const prev = w[k - 1] ?? '';
    if (PUNCT.test(x)) return false;
    if (W.NEGATIONS.has(x) && !NOT_NEGATING.test(w[k + 1] ?? '')) return true;
    if (x === 'no' && /^(puedo|me|es|quiero|podria)$/.test(w[k + 1] ?? '')) return true;
    // "instead of 9", "rather than 9", "au lieu de 9h", "plutot que", "en vez de las 9"
    if (x === 'of' && prev === 'instead') return true;
    if (x === 'than' && prev === 'rather') return true;
    if (x === 'de' && /^(lieu|vez|lugar)$/.test(prev)) return true;
    if (x === 'que' && prev === 'plutot') return true;
    // "a las 10 y no a las 9", "no a las 9 sino a las 10"
    if (x === 'no' && (prev === 'y' || w.slice(i + 1, i + 4).includes('sino'))) return true;
    if (x === 'no' && after && /^(a|al|el|las)$/.test(w[k + 1] ?? '')) return true;
  }
  return false;
}

/** "is too late", "doesn't work", "c'est trop tard", "ne me va pas", "es muy tarde", "no puedo". */
const REJECT_AFTER = new RegExp(
  [
    `^(?:, )?(?:(?:is|'s|was|would be|will be|seems|sounds|that's|it's|c' est|ce serait|es|seria|me parece|est) )?`,
    `(?:(?:too|way too|a bit|a little|kind of|kinda|a tad|trop|un peu|muy|demasiado|un poco|bien) )?`,
    `(?:late|early|soon|tard|tot|tarde|temprano|pronto)(?![^ ])`,
    `|^(?:, )?(?:(?:that|it|ca|c'|esa|eso|esta) )?(?:doesn't|does not|won't|will not|wouldn't|isn't|is not|is no|'s not|`,
    `ne|n' est|no) (?:work|good|great|possible|ideal|suit|me va|va|marche|me convient|convient|pas|me sirve|sirve|`,
    `puedo|me queda|me viene)(?![^ ])`,
  ].join(''),
);

const BARE_SHADE = /^(?:, )?(?:late|early|tard|tot|tarde|temprano)$/;
const SHADE_LEAD = /^(?:in|the|le|la|l'|en|dans|por|de|du)$/;

/** The length of a rejection said right after a time or a day at j, or 0. */
export function rejectionAfter(w: string[], j: number, to: number): number {
  if (j >= to) return 0;
  const m = REJECT_AFTER.exec(w.slice(j, Math.min(to, j + 6)).join(' '));
  if (!m) return 0;
  const len = m[0].split(' ').length;
  // "Wednesday late morning", "jeudi tôt le matin": a bare "late" before a part of the day shades it.
  if (BARE_SHADE.test(m[0])) {
    let k = j + len;
    while (k < to && k < j + len + 3 && SHADE_LEAD.test(w[k]!)) k++;
    if (k < to && daypart(w, k, to)) return 0;
  }
  return len;
}

/** "10 not 9", "10h et pas 9h", "10 instead of 9": what comes next turns a time down. */
export function contrastAfter(w: string[], j: number, to: number): boolean {
  let k = j;
  if (/^(and|et|y)$/.test(w[k] ?? '')) k++;
  const x = w[k] ?? '';
  if (/^(not|pas|no)$/.test(x)) k++;
  else if (`${x} ${w[k + 1] ?? ''}` === 'instead of' || `${x} ${w[k + 1] ?? ''}` === 'rather than')
    k += 2;
  else if (/^(au lieu de|plutot que|en vez de|en lugar de)$/.test(w.slice(k, k + 3).join(' ')))
    k += x === 'plutot' ? 2 : 3;
  else return false;
  while (k < to && /^(at|a|las|la|the|de|l'|el)$/.test(w[k] ?? '')) k++;
  const y = w[k] ?? '';
  return k < to && (/^\d{1,2}(:\d\d)?$/.test(y) || W.HOUR_WORDS.has(y) || W.NOON.has(y));
}

/** Where a negated number ends a thought ("not 9, 10", "not 9 but 10"), it was a time. */
export function endsThought(w: string[], j: number, to: number): boolean {
  const x = w[j] ?? '';
  return (
    j >= to ||
    PUNCT.test(x) ||
    /^(but|mais|pero|sino|instead|rather|plutot|mejor|please|then|\d{1,2}(:\d\d)?)$/.test(x)
  );
}

/** "1 hour later" is read elsewhere; "une heure plus tard", "an hour later" are not times. */
export function durationAfter(w: string[], j: number): boolean {
  const x = w[j] ?? '';
  const y = w[j + 1] ?? '';
  return (
    /^(later|earlier|sooner)$/.test(x) ||
    (x === 'plus' && /^(tard|tot)$/.test(y)) ||
    (x === 'mas' && /^(tarde|temprano)$/.test(y))
  );
}

const DATE_KEYS = ['date', 'days'] as const;
const TIME_KEYS = ['time', 'approx', 'after', 'before', 'earliest'] as const;

/**
 * What was said before a correction, with what was said after it laid over: "Friday at 10, no
 * wait, Monday" is Monday at 10; "Friday at 10, actually 11" is Friday at 11.
 */
export function laidOver(before: Wish, after: Wish): Wish {
  const out: Wish = { ...before };
  if (DATE_KEYS.some((k) => after[k] !== undefined)) for (const k of DATE_KEYS) delete out[k];
  if (TIME_KEYS.some((k) => after[k] !== undefined)) for (const k of TIME_KEYS) delete out[k];
  return { ...out, ...after };
}
