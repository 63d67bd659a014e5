import type { Wish } from '@receptionist/domain';
import { HOUR_WORDS } from './when.words.ts';

/**
 * A move said relative to the appointment the caller has: "push it back an hour", "an hour
 * later", "thirty minutes earlier", "a day later", "bring it forward a week", "une heure plus
 * tard", "avancer d'une heure", "una hora más tarde", "atrasarla una hora"; or only a direction
 * beside a move: "come in earlier on Wednesday", "later that day", "plus tôt", "más temprano".
 * The flow that moves a booking turns it into a time; read here, word by word, within a window of
 * a few words around each amount, so nothing is looked at more than a bounded number of times.
 */

export interface ShiftHit {
  wish: Pick<Wish, 'shiftMinutes' | 'relative'>;
  from: number;
  to: number;
}

const UNIT_MINUTES: [RegExp, number][] = [
  [/^(minutes?|mins?|minutos?)$/, 1],
  [/^(hours?|hrs?|heures?|h|horas?)$/, 60],
  [/^(days?|jours?|journee|dias?)$/, 1440],
  [/^(weeks?|semaines?|semanas?)$/, 10080],
];

const AMOUNT_WORDS = new Map<string, number>([
  ['a', 1],
  ['an', 1],
  ['un', 1],
  ['une', 1],
  ["d'un", 1],
  ["d'une", 1],
  ['thirty', 30],
  ['trente', 30],
  ['treinta', 30],
  ['fifteen', 15],
  ['quinze', 15],
  ['quince', 15],
  ['twenty', 20],
  ['forty', 40],
  ['fourty', 40],
  ['forty-five', 45],
  ['couple', 2],
]);

/** Words that push later: "back", "later", "plus tard", "retarder", "más tarde", "atrasar". */
const LATER =
  /^(later|back|tard|retarder|repousser|reculer|decaler|tarde|atrasar|atrasarla|atrasarlo|retrasar|retrasarla|retrasarlo|despues)$/;
/** Words that bring earlier: "earlier", "forward", "sooner", "up", "plus tôt", "avancer", "antes". */
const EARLIER =
  /^(earlier|forward|sooner|up|tot|avancer|avancez|temprano|antes|adelantar|adelantarla|adelantarlo)$/;
/** A direction alone counts only beside words that move ("come in earlier", "move it later"). */
const MOVE_CUE =
  /^(come|move|push|bring|make|change|switch|shift|put|do|venir|passer|mettre|deplacer|avancer|decaler|pasar|mover|cambiar|ir|adelantar|atrasar)$/;
/** Words that say the caller is changing a time at all: without one, "back in an hour" is not a move. */
export const SHIFT_CUE =
  /^(push|move|bring|reschedule|change|shift|switch|make|do|come|later|earlier|sooner|decaler|avancer|repousser|reculer|retarder|deplacer|mover|cambiar|adelantar|atrasar|retrasar|pasar|venir|passer)$/;

function amountAt(w: string[], i: number): { n: number; len: number } | undefined {
  const x = w[i] ?? '';
  // "half an hour", "une demi-heure", "media hora"
  if (/^(half|demi|demi-heure|media)$/.test(x)) {
    const next = w[i + 1] === 'an' || w[i + 1] === 'a' ? i + 2 : i + 1;
    if (x === 'demi-heure') return { n: 0.5, len: 1 };
    if (/^(hour|heure|hora)$/.test(w[next] ?? '')) return { n: 0.5, len: next - i };
  }
  if (/^\d{1,3}$/.test(x)) return { n: Number(x), len: 1 };
  if (x === 'forty' && w[i + 1] === 'five') return { n: 45, len: 2 };
  if (x === 'couple' && w[i + 1] === 'of') return { n: 2, len: 2 };
  const word = AMOUNT_WORDS.get(x) ?? HOUR_WORDS.get(x);
  if (word !== undefined) return { n: word, len: 1 };
  return undefined;
}

function unitAt(w: string[], i: number): number | undefined {
  const x = w[i] ?? '';
  for (const [re, minutes] of UNIT_MINUTES) if (re.test(x)) return minutes;
  return undefined;
}

/** +1 later, -1 earlier, 0 none, for the word at i ("plus tard", "más temprano" included). */
function directionAt(w: string[], i: number): number {
  const x = w[i] ?? '';
  if (LATER.test(x)) return 1;
  if (EARLIER.test(x)) return -1;
  return 0;
}

export function readShift(
  w: string[],
  from: number,
  to: number,
  free: (i: number) => boolean,
  /** A time was just asked: "later that day" needs no word of moving. */
  loose = false,
): ShiftHit | undefined {
  for (let i = from; i < to; i++) {
    if (!free(i)) continue;
    const amount = amountAt(w, i);
    if (!amount) continue;
    const u = i + amount.len;
    const unit = u < to && free(u) ? unitAt(w, u) : undefined;
    if (unit === undefined) continue;
    // The direction comes right after ("an hour later") or up to five words before ("push it
    // back by an hour", "avancer mon rendez-vous d'une heure").
    let dir = u + 1 < to ? directionAt(w, u + 1) : 0;
    let end = u + 1 + (dir ? 1 : 0);
    if (!dir && (w[u + 1] === 'plus' || w[u + 1] === 'mas') && u + 2 < to) {
      dir = directionAt(w, u + 2);
      end = u + 3;
    }
    for (let k = i - 1; !dir && k >= Math.max(from, i - 5); k--) dir = directionAt(w, k);
    if (!dir) continue;
    const minutes = Math.round(amount.n * unit) * dir;
    if (minutes === 0 || Math.abs(minutes) > 10080) continue;
    // From the amount on: a verb before it ("avancer", "push") stays free to say it is a move.
    return { wish: { shiftMinutes: minutes }, from: i, to: end };
  }
  for (let i = from; i < to; i++) {
    if (!free(i)) continue;
    // "plus tôt", "más temprano": the direction is the second word.
    const pair = (w[i] === 'plus' || w[i] === 'mas') && i + 1 < to;
    const x = pair ? w[i + 1]! : w[i]!;
    if (!/^(earlier|later|sooner|tot|tard|temprano|tarde)$/.test(x)) continue;
    if ((x === 'tot' || x === 'tard' || x === 'temprano' || x === 'tarde') && !pair) continue;
    const cue = loose || w.slice(Math.max(from, i - 5), i).some((y) => MOVE_CUE.test(y));
    if (!cue) continue;
    const relative = x === 'later' || x === 'tard' || x === 'tarde' ? 'later' : 'earlier';
    return { wish: { relative }, from: i, to: i + (pair ? 2 : 1) };
  }
  return undefined;
}
