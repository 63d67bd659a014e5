/**
 * One pass over what the caller said, shared by every rule: words lowercased and stripped of
 * accents, French elisions and hyphens split, speech fillers and stutters dropped, clock times
 * written one way ("10am" -> "10 am", "15h30" -> "15:30"). Each word keeps where it was in the
 * caller's own text so names and questions are quoted back as said.
 */

/** Longer input is cut before parsing: no rule ever reads more than this. */
export const MAX_TEXT = 1_000;

export interface Token {
  /** The form the rules read. */
  norm: string;
  /** Span in the caller's text. */
  start: number;
  end: number;
  /** Offset of `norm` in `Utterance.norm`. */
  at: number;
  punct: boolean;
}

export interface Utterance {
  text: string;
  tokens: Token[];
  /** The tokens' `norm`, joined by single spaces. */
  norm: string;
}

export interface Clause {
  /** Token range, end exclusive. */
  from: number;
  to: number;
  question: boolean;
}

// A separator is required between runs of letters, so each character has one way to match.
const WORD = /[\p{L}\p{N}]+(?:['’.:-][\p{L}\p{N}]+)*|[?!.,;¿¡]/gu;
const ELISION = /^(l|d|j|m|c|n|s|t|qu|jusqu|lorsqu|puisqu)['’](?=\p{L})/iu;
const FILLERS = new Set(
  'um umm uh uhh uhm er erm hmm hm mm mmm euh heu hum eh ehm em ah ahh'.split(' '),
);
const CONTRACTIONS: Record<string, string[]> = {
  im: ["i'm"],
  ive: ["i've"],
  id: ["i'd"],
  dont: ["don't"],
  cant: ["can't"],
  wont: ["won't"],
  didnt: ["didn't"],
  doesnt: ["doesn't"],
  isnt: ["isn't"],
  havent: ["haven't"],
  thats: ["that's"],
  whats: ["what's"],
  its: ["it's"],
  lets: ["let's"],
  youre: ["you're"],
  ok: ['okay'],
  wanna: ['want', 'to'],
  gonna: ['going', 'to'],
  gotta: ['got', 'to'],
  'a.m': ['am'],
  'p.m': ['pm'],
  'o.k': ['okay'],
};
const CLOCK = /^(\d{1,2})(?:[:.h](\d{2}))?(am|pm|h|ish)?$/;

function fold(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return s.toLowerCase();
  return s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'");
}

/** The rule forms of one piece of a word. */
function forms(piece: string): string[] {
  const f = fold(piece);
  const c = CONTRACTIONS[f];
  if (c) return c;
  const clock = CLOCK.exec(f);
  if (clock && (clock[2] !== undefined || clock[3] !== undefined)) {
    const head = clock[2] !== undefined ? `${clock[1]}:${clock[2]}` : clock[1]!;
    return clock[3] ? [head, clock[3]] : [head];
  }
  return [f];
}

export function tokenize(input: string): Utterance {
  const text = input.slice(0, MAX_TEXT);
  const tokens: Token[] = [];
  let norm = '';
  const push = (n: string, start: number, end: number, punct: boolean): void => {
    if (!punct && FILLERS.has(n)) return;
    const prev = tokens[tokens.length - 1];
    if (prev && prev.norm === n) return; // "I I want", "no no no"
    if (norm) norm += ' ';
    tokens.push({ norm: n, start, end, at: norm.length, punct });
    norm += n;
  };
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const at = m.index;
    if (raw.length === 1 && '?!.,;¿¡'.includes(raw)) {
      push(raw === '¿' || raw === '¡' ? ',' : raw, at, at + 1, true);
      continue;
    }
    // Split on hyphens ("apres-midi", "check-up") and French elisions ("l'heure", "j'ai").
    let offset = 0;
    for (const part of raw.split('-')) {
      const start = at + offset;
      offset += part.length + 1;
      if (!part) continue;
      const el = ELISION.exec(part);
      if (el) {
        const cut = el[0].length;
        push(fold(part.slice(0, cut)), start, start + cut, false);
        for (const f of forms(part.slice(cut))) push(f, start + cut, start + part.length, false);
      } else {
        for (const f of forms(part)) push(f, start, start + part.length, false);
      }
    }
  }
  return { text, tokens, norm };
}

/** The token at a character offset of `u.norm`. */
export function tokenAt(u: Utterance, offset: number): number {
  let lo = 0;
  let hi = u.tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (u.tokens[mid]!.at <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const CONJUNCTIONS = new Set(['and', 'but', 'also', 'et', 'mais', 'puis', 'y', 'pero', 'tambien']);

/**
 * Clauses, split at punctuation, and at "and"/"et"/"y" when a new clause starts after it ("what are
 * your hours and can I book"), not inside a list ("a cleaning and check-up").
 */
export function clausesOf(u: Utterance, starters: Set<string>): Clause[] {
  const out: Clause[] = [];
  let from = 0;
  const close = (to: number, question: boolean): void => {
    if (to > from) out.push({ from, to, question });
  };
  u.tokens.forEach((t, i) => {
    if (t.punct) {
      close(i, t.norm === '?');
      from = i + 1;
    } else if (CONJUNCTIONS.has(t.norm) && i > from && starters.has(u.tokens[i + 1]?.norm ?? '')) {
      close(i, false);
      from = i + 1;
    }
  });
  close(u.tokens.length, false);
  return out;
}
