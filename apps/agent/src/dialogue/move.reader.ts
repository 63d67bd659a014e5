import { parseWhen, whenEnd } from './when.parser.ts';

/**
 * A move names two times: the appointment the caller has and the one they want. "Move my Thursday
 * appointment to Friday", "I can't make it to my appointment on Wednesday, can you move me to the
 * 8th", "cancel my Tuesday appointment and book me Thursday instead": the day said as the
 * appointment's own is the old one, not a wish; the flow finds that booking itself.
 */

const APPT =
  /^(appointment|appointments|appt|appts|booking|reservation|visit|slot|rdv|rendez|cita|turno|reserva|consulta|visita|visite|seance)$/;
const POSSESSIVE = /^(my|our|the|mon|ma|notre|mi|nuestra|nuestro|su)$/;
/**
 * "my appointment on Wednesday", "my appointment tomorrow", "mon rendez-vous de mardi", "mi cita
 * del martes": its own day.
 */
const OWN_DAY = /^(on|of|du|de|del)$/;
/** "my appointment for Tuesday ... to Thursday": its own day only when another day follows. */
const MAYBE_OWN = /^(for|at|this|next|pour|para|le|el)$/;
const BOOKING = /^(book|bookWeak|affirmBook)$/;
const LINK = /^(and|then|et|puis|y|luego|,|\.|;)$/;

export interface Span {
  from: number;
  to: number;
}

/**
 * The words that say when the appointment being moved is. `free` leaves out words another rule
 * took; `later(i)` tells whether a day or time is said from word i on.
 */
export function ownAppointmentTimes(
  words: string[],
  free: (i: number) => boolean,
  today: string,
  later: (i: number) => boolean,
): Span[] {
  const out: Span[] = [];
  const ctx = { today, bare: false };
  for (let a = 0; a < words.length; a++) {
    if (!APPT.test(words[a]!)) continue;
    // "my next Tuesday appointment", "my 3 pm appt"
    for (let p = a - 1; p >= Math.max(0, a - 5); p--) {
      if (/^[,.!?;]$/.test(words[p]!)) break;
      if (!POSSESSIVE.test(words[p]!)) continue;
      if (whenEnd(words, p + 1, a, free, ctx) > p + 1) out.push({ from: p + 1, to: a });
      break;
    }
    // "my appointment on Wednesday (at 3)", "rendez-vous du 8", "cita del martes"
    const at = words[a] === 'rendez' && words[a + 1] === 'vous' ? a + 2 : a + 1;
    const prep = words[at] ?? '';
    const maybe = MAYBE_OWN.test(prep);
    const start = OWN_DAY.test(prep) || maybe ? at + 1 : at;
    const end = whenEnd(words, start, words.length, free, ctx);
    const own = !maybe;
    if (end > start && (own || later(end))) out.push({ from: at, to: end });
  }
  return out;
}

export interface MoveInput {
  words: string[];
  /** The phrase rules that took words, in the order of the rules. */
  hits: { kind: string; from: number; to: number }[];
  free: (i: number) => boolean;
  today: string;
  /** Marks a word as the moved appointment's own time. */
  old: (i: number) => void;
  /** The service named in a range of words. */
  service: (from: number, to: number) => string | undefined;
}

/**
 * Marks the times of the appointment being moved. "Cancel X and book Y instead" is a move (its
 * cancel and book said at `swapFrom` and after), unless Y is of another service: then the
 * cancellation and the new booking (said at `bookFrom`) are two requests.
 */
export function readMove(m: MoveInput): { swapFrom?: number; bookFrom?: number } {
  const { words, hits, free } = m;
  const n = words.length;
  const old = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (free(i)) m.old(i);
  };
  const cancel = hits.find((h) => h.kind === 'cancel');
  // A new booking asked for in its own clause ("... and book me Thursday"), not "cancel my booking".
  const book =
    cancel &&
    hits.find(
      (h) =>
        BOOKING.test(h.kind) &&
        h.from >= cancel.to &&
        words.slice(cancel.to, h.from).some((w) => LINK.test(w)),
    );
  const newService = book && m.service(book.to, n);
  const swap = !!book && (!newService || newService === m.service(0, book.from));
  if (swap) old(cancel.to, book.from);
  if (swap || hits.some((h) => h.kind === 'reschedule')) {
    const later = (i: number) => !!parseWhen(words, i, n, free, { today: m.today, bare: false });
    for (const s of ownAppointmentTimes(words, free, m.today, later)) old(s.from, s.to);
  }
  if (swap) return { swapFrom: cancel.from };
  // "Cancel my cleaning and book a whitening instead": two requests, each with its own service.
  return book && newService ? { bookFrom: book.from } : {};
}
