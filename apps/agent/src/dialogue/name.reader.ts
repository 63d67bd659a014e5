import { lexiconWords, nameIntro, nameIntroWeak } from './lexicon.ts';
import { tokenAt, type Utterance } from './utterance.tokenizer.ts';
import * as W from './when.words.ts';

/**
 * The caller's name: after "my name is" / "je m'appelle" / "me llamo", after "it's" / "this is" /
 * "soy" when the next word can be a name, or alone when the name was asked for. Speech recognition
 * writes names in lowercase: they come back capitalised ("jane doe" -> "Jane Doe").
 */

/** Common words that follow "i'm" / "it's" / "c'est" / "soy" and are not names. */
const COMMON = new Set(
  `a an the my your our his her their this that these it its me you him them us i we he she they
  and or but so to of in on at for from with about as by just not no yes yeah okay sure please
  very really so too also still here there calling looking trying going wondering hoping checking
  interested sorry fine good great well ok free available busy ready done back late early home
  sure afraid glad happy new old one two three call ask need want like would could should will
  can may might have has had do does did am is are was were be been being get got make take come
  le la les un une des du de et ou mais je tu il elle nous vous ils elles moi toi lui mon ma mes
  ton ta votre vos son sa ses ce cet cette qui que quoi pas plus tres bien bon pour avec dans sur
  chez oui non merci desole desolee libre disponible nouveau nouvelle pret prete la-bas ici
  el los las una unos unas y o pero yo usted mi mis tu su sus nuestro es esta estoy para por con
  sin en del al muy bien si no gracias nuevo nueva libre disponible aqui alla perdon
  mr mrs ms miss dr doctor patient client customer someone somebody person human
  morning afternoon evening night today tomorrow tonight week weekend next last`.split(/\s+/),
);

const WORDLIKE = /^[a-z][a-z']*$/;

function nameWord(w: string | undefined, services: Set<string>): boolean {
  return (
    !!w &&
    WORDLIKE.test(w) &&
    w.length > 1 &&
    !COMMON.has(w) &&
    !lexiconWords.has(w) &&
    !services.has(w) &&
    !W.WEEKDAYS.has(w) &&
    !W.MONTHS.has(w) &&
    !W.HOUR_WORDS.has(w)
  );
}

/** "jane doe" -> "Jane Doe", "o'brien" -> "O'Brien", "McDonald" stays. */
function capitalise(raw: string): string {
  return raw
    .split(/\s+/)
    .map((w) =>
      /\p{Lu}/u.test(w)
        ? w
        : w.replace(/(^|[-'’])(\p{Ll})/gu, (_m, p: string, c: string) => p + c.toUpperCase()),
    )
    .join(' ');
}

export interface NameHit {
  name: string;
  /** Token range. */
  from: number;
  to: number;
}

/** Up to three name words from token `i`. */
function readName(
  u: Utterance,
  i: number,
  free: (i: number) => boolean,
  services: Set<string>,
): NameHit | undefined {
  let j = i;
  while (j < u.tokens.length && j < i + 3 && free(j) && nameWord(u.tokens[j]!.norm, services)) j++;
  if (j === i) return undefined;
  const raw = u.text.slice(u.tokens[i]!.start, u.tokens[j - 1]!.end).replace(/[.,!?;]+$/, '');
  return { name: capitalise(raw).slice(0, 120), from: i, to: j };
}

function services(list: string[]): Set<string> {
  return new Set(
    list.flatMap((s) =>
      s
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .split(/[^a-z]+/),
    ),
  );
}

export function findName(
  u: Utterance,
  free: (i: number) => boolean,
  serviceNames: string[],
): NameHit | undefined {
  const sv = services(serviceNames);
  for (const re of [nameIntro, nameIntroWeak]) {
    re.lastIndex = 0;
    for (const m of u.norm.matchAll(re)) {
      const after = tokenAt(u, m.index + m[0].length + 1);
      if (after <= tokenAt(u, m.index)) continue;
      const hit = readName(u, after, free, sv);
      if (hit) return { ...hit, from: tokenAt(u, m.index) };
    }
  }
  return undefined;
}

/** A bare answer to "may I have your name?": one to three name words, maybe after "yes" or "it's". */
export function bareName(
  u: Utterance,
  free: (i: number) => boolean,
  serviceNames: string[],
): NameHit | undefined {
  const words = u.tokens.map((t, i) => ({ t, i })).filter(({ t }) => !t.punct);
  let k = 0;
  while (
    k < words.length &&
    /^(yes|yeah|sure|okay|oui|si|it's|its|c'|est|es|soy|um)$/.test(words[k]!.t.norm)
  )
    k++;
  let end = words.length;
  while (
    end > k &&
    /^(please|thanks|thank|you|merci|gracias|por|favor|s'il|vous|plait)$/.test(
      words[end - 1]!.t.norm,
    )
  )
    end--;
  const rest = words.slice(k, end);
  if (!rest.length || rest.length > 3) return undefined;
  const hit = readName(u, rest[0]!.i, free, services(serviceNames));
  return hit && hit.to > rest[rest.length - 1]!.i ? hit : undefined;
}
