import type { Language } from './commands.ts';
import { lexicons } from './lexicon.ts';
import type { Utterance } from './utterance.tokenizer.ts';

/**
 * The language of one utterance, from its common words and its accents. A short answer ("oui",
 * "sí", "vale") is enough; numbers, names and "ok" are not, and leave the conversation's language.
 */

const LANGS = ['en', 'fr', 'es'] as const;

function wordsOf(lang: Language): Set<string> {
  const l = lexicons[lang];
  const sources = [
    ...Object.values(l.phrases).flat(),
    ...l.affirmStart,
    ...l.denyStart,
    ...l.knowledge,
  ];
  return new Set(
    sources
      .join(' ')
      .split(/[^a-z']+/)
      .filter((w) => w.length > 2),
  );
}

/** The words of a language's phrases that no other language's phrases use. */
function ownWords(lang: Language): string[] {
  const others = LANGS.filter((l) => l !== lang).map(wordsOf);
  return [...wordsOf(lang)].filter((w) => !others.some((o) => o.has(w)));
}

const WEIGHTS = new Map<string, Partial<Record<Language, number>>>();
for (const lang of LANGS) {
  const add = (w: string, n: number) => {
    const e = WEIGHTS.get(w) ?? {};
    e[lang] = Math.max(e[lang] ?? 0, n);
    WEIGHTS.set(w, e);
  };
  lexicons[lang].markers.forEach((w) => add(w, 1));
  ownWords(lang).forEach((w) => add(w, 1));
  lexicons[lang].strong.forEach((w) => add(w, 2));
}

/** Letters only one of the languages writes. */
const SPANISH_MARKS = /[ñ¿¡áíóú]/;
const FRENCH_MARKS = /[èêàçùâîôûëïœ]/;

export function detectLanguage(u: Utterance, current: Language): Language {
  const score: Record<Language, number> = { en: 0, fr: 0, es: 0 };
  for (const t of u.tokens) {
    const w = WEIGHTS.get(t.norm);
    if (w) for (const l of LANGS) score[l] += w[l] ?? 0;
  }
  const raw = u.text.toLowerCase();
  if (SPANISH_MARKS.test(raw)) score.es += 2;
  if (FRENCH_MARKS.test(raw)) score.fr += 2;
  // "si" is Spanish unless the caller is already speaking French.
  if (
    current === 'fr' &&
    score.es > 0 &&
    u.tokens.some((t) => t.norm === 'si') &&
    !raw.includes('sí')
  )
    score.es -= 2;
  // The conversation's language wins ties and needs to be clearly beaten.
  score[current] += 1.5;
  let best: Language = current;
  for (const l of LANGS) if (score[l] > score[best]) best = l;
  return best;
}
