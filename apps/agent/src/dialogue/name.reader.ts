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
  due overdue unable able allergic pregnant nervous worried scared stuck confused curious pretty
  currently actually probably definitely also always never only usually right okay alright
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

/** "s i o b h a n", "s-i-o-b-h-a-n", "s.i.o.b.h.a.n": letters spelled one by one. */
function spelledAt(u: Utterance, i: number, free: (i: number) => boolean): [string, number] {
  let j = i;
  let letters = '';
  for (; j < u.tokens.length && free(j); j++) {
    const w = u.tokens[j]!.norm;
    if (/^[a-z]$/.test(w)) letters += w;
    else if (/^[a-z](?:\.[a-z])+\.?$/.test(w)) letters += w.replace(/\./g, '');
    else break;
  }
  return letters.length >= 2 ? [letters, j] : ['', i];
}

/** "that's", "spelled", "as in": words between a name and its spelling. */
const SPELL_LEAD = /^(that's|spelled|spelt|spelling|is|ca|s'ecrit|se|escribe|deletreado|c')$/;

/**
 * Up to three name words from token `i`. A spelling collapses into the word it spells ("siobhan
 * that's s i o b h a n kelly" is Siobhan Kelly), and a name spelled alone is the word it spells.
 */
function readName(
  u: Utterance,
  i: number,
  free: (i: number) => boolean,
  services: Set<string>,
): NameHit | undefined {
  const parts: string[] = [];
  let j = i;
  let end = i;
  while (j < u.tokens.length && parts.length < 3) {
    let [spelled, after] = spelledAt(u, j, free);
    if (!spelled && parts.length) {
      let k = j;
      while (k < j + 3 && k < u.tokens.length && free(k) && SPELL_LEAD.test(u.tokens[k]!.norm)) k++;
      if (k > j) [spelled, after] = spelledAt(u, k, free);
    }
    if (spelled) {
      const last = parts[parts.length - 1];
      const spells = last?.toLowerCase().replace(/[^a-z]/g, '') === spelled;
      // The spelling of the word before it, or a word said only by its letters.
      if (last === undefined) parts.push(capitalise(spelled));
      else if (!spells) parts[parts.length - 1] = capitalise(spelled);
      j = end = after;
      continue;
    }
    if (!free(j)) break;
    // "mary-kate", "al-rashid": the caller's own joining is kept, and a short particle joined to a
    // name word ("al", "el", "ben") is part of the name.
    const t = u.tokens[j]!;
    const joined = j > i && j === end && u.text.slice(u.tokens[j - 1]!.end, t.start) === '-';
    const nx = u.tokens[j + 1];
    const joinsNext =
      !!nx &&
      free(j + 1) &&
      u.text.slice(t.end, nx.start) === '-' &&
      WORDLIKE.test(t.norm) &&
      nameWord(nx.norm, services);
    if (!nameWord(t.norm, services) && !(joinsNext && parts.length)) break;
    const raw = capitalise(u.text.slice(t.start, t.end));
    if (joined && parts.length) parts[parts.length - 1] += `-${raw}`;
    else parts.push(raw);
    j = end = j + 1;
  }
  if (!parts.length) return undefined;
  return {
    name: parts
      .join(' ')
      .replace(/[.,!?;]+$/, '')
      .slice(0, 120),
    from: i,
    to: end,
  };
}

/**
 * A name said again in full after a comma ("jane, jane doe"): the fuller one. A single word, a
 * comma and a name that is not it again is said surname first ("doe, jane" is Jane Doe).
 */
function restated(
  u: Utterance,
  hit: NameHit,
  free: (i: number) => boolean,
  sv: Set<string>,
  surnameFirst: boolean,
): NameHit {
  if (u.tokens[hit.to]?.norm !== ',') return hit;
  const again = readName(u, hit.to + 1, free, sv);
  if (!again) return hit;
  const said = hit.name.split(' ');
  const full = again.name.split(' ');
  if (full[0]!.toLowerCase() === said[0]!.toLowerCase())
    return full.length > said.length ? { ...again, from: hit.from } : hit;
  if (surnameFirst && said.length === 1 && full.length <= 2)
    return { name: `${again.name} ${hit.name}`, from: hit.from, to: again.to };
  return hit;
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
      if (hit) return restated(u, { ...hit, from: tokenAt(u, m.index) }, free, sv, false);
    }
  }
  return undefined;
}

/**
 * A bare answer to "may I have your name?": one to three name words, maybe after "yes" or "it's".
 * With `exactly`, that many words and nothing else ("ben cole" said when a time was asked).
 */
export function bareName(
  u: Utterance,
  free: (i: number) => boolean,
  serviceNames: string[],
  exactly?: number,
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
  if (!rest.length || (exactly && rest.length !== exactly)) return undefined;
  const sv = services(serviceNames);
  const first = readName(u, rest[0]!.i, free, sv);
  const hit = first && !exactly ? restated(u, first, free, sv, true) : first;
  if (exactly && hit?.name.split(' ').length !== exactly) return undefined;
  return hit && hit.to > rest[rest.length - 1]!.i ? hit : undefined;
}
