// What the runner reads from a reply, without depending on its exact phrasing: the times of day
// offered (so "the second one" can be checked against what was heard) and the reply's language.
import type { Choice } from './scenario.types.ts';

// "9 am", "10:30 a.m.", "2 PM": only times said with am/pm, so dates and prices are not read as times.
const SPOKEN_TIME = /\b(1[0-2]|0?[1-9])(?::([0-5][0-9]))?\s?([ap])\.?m\b\.?/gi;

/** Times of day offered in a reply, in minutes after midnight, in the order said (noon last). */
export function offeredTimes(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(SPOKEN_TIME)) {
    const h = (Number(m[1]) % 12) + (m[3]!.toLowerCase() === 'p' ? 12 : 0);
    // Not deduplicated: "tomorrow at 9 AM ... Thursday at 9 AM" are two offers.
    out.push(h * 60 + Number(m[2] ?? 0));
  }
  if (/\bnoon\b/i.test(text) && !out.includes(720)) out.push(720);
  return out;
}

export function choose(offered: number[], c: Choice): number | undefined {
  const sorted = [...offered].sort((a, b) => a - b);
  switch (c) {
    case 'first':
      return offered[0];
    case 'second':
      return offered[1];
    case 'third':
      return offered[2];
    case 'last':
      return offered.at(-1);
    case 'earliest':
      return sorted[0];
    case 'latest':
      return sorted.at(-1);
  }
}

// Common short words of each language (function words mostly), so any sentence shows its language.
const words = (text: string) => text.split(' ');
const LANGUAGE_WORDS: Record<'fr' | 'es', string[]> = {
  fr: words(
    "vous votre vos nous notre je j'ai le la les l' un une des du de d' et à au aux en dans pour " +
      'avec sur pas ne est sont êtes suis oui non merci bonjour bien sûr rendez-vous souhaitez ' +
      "voulez puis-je quelque chose autre heure heures c'est qu'est-ce que qui",
  ),
  es: words(
    'usted ustedes su sus nosotros el la los las un una unos de del y en con para por es son ' +
      'está estamos sí no gracias hola nada que qué le lo puedo puede quiere ayudar algo más ' +
      'cita hora horas buenos días muy también',
  ),
};
const ENGLISH_WORDS = words(
  'you your the is are for we thanks would what and to with a at can i in of it anything else ' +
    'help please that this',
);

/** A reply is in the language when its words of that language outnumber its English ones. */
export function inLanguage(text: string, lang: 'fr' | 'es'): boolean {
  const words = text.toLowerCase().split(/[^\p{L}'-]+/u);
  const count = (list: string[]) => words.filter((w) => list.includes(w)).length;
  const theirs = count(LANGUAGE_WORDS[lang]);
  return theirs >= 2 && theirs > count(ENGLISH_WORDS);
}
