import { en } from './lexicon.en.ts';
import { es } from './lexicon.es.ts';
import { fr } from './lexicon.fr.ts';

/**
 * What the offline brain listens for, one list of phrases per kind and per language. Phrases are
 * regex sources over the normalised utterance (lowercase, no accents, hyphens and French elisions
 * split: "l' apres midi"); they match whole words only. Keep them free of nested quantifiers: a
 * bounded gap is written with `G` below, never `(\w+ )*`.
 */
export const kinds = [
  'override',
  'trust',
  'waitlist',
  'handoff',
  'complaint',
  'message',
  'cancelFlow',
  'returningNot',
  'returningNo',
  'returningYes',
  'cancel',
  'reschedule',
  'lookup',
  'price',
  'discount',
  'timing',
  'emergencyWord',
  'emergency',
  'goodbye',
  'greeting',
  'correctionPrefix',
  'correctionPostfix',
  'affirmBook',
  'book',
  'bookWeak',
  'affirm',
  'deny',
  'repeat',
] as const;
export type Kind = (typeof kinds)[number];

export interface Lexicon {
  phrases: Record<Kind, string[]>;
  /** Said at the start of a clause only: "yes ...", "no ...". */
  affirmStart: string[];
  denyStart: string[];
  /** The whole utterance: "sorry?", "what?", "pardon ?". */
  repeatWhole: string[];
  /** Words that make a clause a question for the business (hours, prices, parking...). */
  knowledge: string[];
  /** How a question begins: "what", "do you", "est ce que", "cuanto". */
  questionStart: string[];
  /** "my name is" (any word after it is taken) and "it's" / "i'm" (only a name-like word). */
  nameIntro: string[];
  nameIntroWeak: string[];
  /** Words that begin a new clause after "and"/"but" ("... and can I book"). */
  starters: string[];
  /** Words that tell the language; `strong` ones count twice. */
  markers: string[];
  strong: string[];
}

/** A short gap inside one clause. */
export const G = '[^?.!,;]{0,24}';

export const lexicons = { en, fr, es } as const;

const all = [en, fr, es];

function compile(sources: string[], flags: string): RegExp {
  return new RegExp(`(?<![^ ])(?:${sources.join('|')})(?![^ ])`, flags);
}

/** One regex per kind, the three languages together: callers mix languages freely. */
export const rules = Object.fromEntries(
  kinds.map((k) => [
    k,
    compile(
      all.flatMap((l) => l.phrases[k]),
      'g',
    ),
  ]),
) as Record<Kind, RegExp>;

/** Start-of-clause rules, tried with `lastIndex` at the clause (after "oh", "well", "alors"...). */
const lead = '(?:(?:oh|well|so|and|but|alors|ben|bah|bon|pues|bueno|ay|o sea) )?';
export const startRules = {
  affirm: new RegExp(`${lead}(?:${all.flatMap((l) => l.affirmStart).join('|')})(?![^ ])`, 'y'),
  deny: new RegExp(`${lead}(?:${all.flatMap((l) => l.denyStart).join('|')})(?![^ ])`, 'y'),
  question: new RegExp(`(?:${all.flatMap((l) => l.questionStart).join('|')})(?![^ ])`, 'y'),
};
export const repeatWhole = new RegExp(`^(?:${all.flatMap((l) => l.repeatWhole).join('|')})$`);
export const knowledgeRule = compile(
  all.flatMap((l) => l.knowledge),
  'g',
);
export const nameIntro = compile(
  all.flatMap((l) => l.nameIntro),
  'g',
);
export const nameIntroWeak = compile(
  all.flatMap((l) => l.nameIntroWeak),
  'g',
);
export const starters = new Set(all.flatMap((l) => l.starters));

/** Every plain word the rules use: none of them is taken for a caller's name. */
export const lexiconWords: Set<string> = new Set(
  all.flatMap((l) =>
    [...Object.values(l.phrases).flat(), ...l.affirmStart, ...l.denyStart, ...l.knowledge]
      .join(' ')
      .split(/[^a-z']+/)
      .filter((w) => w.length > 1),
  ),
);
