import { formatMoney, weekdays, type Tenant } from '@receptionist/domain';
import type { AgentEnv } from '../agents/agent.ts';
import { spokenClock, spokenWeekday } from '../booking/spoken-time.ts';
import type { Language } from '../dialogue/commands.ts';
import type { KnowledgeHit } from '../knowledge/knowledge-base.ts';
import { words } from './flow-kit.ts';

/**
 * Answers that are true: the business's own facts (hours, service prices) or a knowledge entry that
 * really answers the question — one sharing the question's topic words — never the nearest entry.
 */

/** Words that say what kind of question it is, not what it is about. */
const GENERIC = new Set(
  (
    'a an and are at be can could do does for from get have how i in is it me my much of on or ' +
    'the to we what when which who why with you your there any anything take offer cost costs ' +
    'price prices pay much many tell know would like please need about also just um uh yeah hi ' +
    'le la les un une des de du est vous je pour combien quel quelle est-ce que qui avez faites ' +
    'el los las una unos del es usted ustedes yo para cuanto cuánto cuesta qué que hay tienen hacen'
  ).split(' '),
);

const HOURS_WORDS =
  /\b(hours?|open|opening|close|closing|closed|horaires?|ouverts?|ouvrez|fermez|fermés?|horarios?|abiertos?|abren|cierran)\b/i;
const PRICE_WORDS =
  /\b(how much|cost|costs|price|prices|combien|prix|tarif|cuánto|cuanto|precio|cuesta)\b/i;

/** Words of one topic in the three languages, so "address" finds "Where are you located?". */
const TOPICS: Record<string, string> = Object.fromEntries(
  Object.entries({
    LOC: 'where located location locat address direction directions adresse situes trouve donde ubicados ubicacion direccion',
    PARK: 'parking park car stationnement garer estacionamiento aparcamiento aparcar',
    INS: 'insurance insured coverage assurance mutuelle seguro seguros aseguradora',
    DEP: 'deposit upfront advance acompte arrhes deposito anticipo adelantado',
    CLEAN: 'clean cleaning nettoyage detartrage limpieza',
    WHITE: 'whiten whitening blanchiment blanqueamiento',
    HOUR: 'hour hours horaire horaires horario horarios',
  }).flatMap(([topic, ws]) => ws.split(' ').map((w) => [w, topic])),
);

/** "Is this the dentist?", "am I speaking to Bright Smile?": who the caller has reached. */
const REACHED =
  /^\s*(?:(?:hi|hello|hey|bonjour|hola)[\s,!.]+)?(?:is (?:this|that)|am i (?:speaking|talking) (?:to|with)|have i (?:reached|got|called)|did i (?:reach|get|call)|c'est bien|je suis bien chez)\s+([^?!.]{1,60})[?!.\s]*$/i;
const PLACE_WORDS = new Set(
  'dentist dentists dental office clinic practice surgery salon studio spa shop place number cabinet clinique consultorio'.split(
    ' ',
  ),
);

/** Whether the question asks who they reached: the rest names a kind of place or the business. */
export function asksWhoReached(t: Pick<Tenant, 'name'>, question: string): boolean {
  const m = REACHED.exec(question);
  if (!m) return false;
  const rest = m[1]!
    .toLowerCase()
    .split(/[^a-z'\u00c0-\u024f]+/)
    .filter(Boolean);
  const name = new Set(
    t.name
      .toLowerCase()
      .split(/[^a-z'\u00c0-\u024f]+/)
      .filter((w) => w.length > 2),
  );
  const filler = /^(the|a|an|right|correct|le|la|les|el|chez|de|du)$/;
  const said = rest.filter((w) => !filler.test(w));
  return (
    said.length > 0 && said.length <= 4 && said.every((w) => PLACE_WORDS.has(w) || name.has(w))
  );
}

const stem = (w: string) => (w.length > 4 ? w.replace(/(ing|es|s)$/, '') : w);

function terms(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9$]+/)
    .filter((w) => w.length > 2 && !GENERIC.has(w))
    .map((w) => TOPICS[w] ?? TOPICS[stem(w)] ?? stem(w))
    .filter((w) => w.length > 2 && !GENERIC.has(w));
}

/** How much of the question's topic an entry covers: 0 when it shares none of its topic words. */
export function relevance(question: string, hit: { question: string; answer: string }): number {
  const q = [...new Set(terms(question))];
  if (!q.length) return 0;
  const entry = new Set([...terms(hit.question), ...terms(hit.answer)]);
  const matched = q.filter((t) => entry.has(t)).length;
  return matched / q.length;
}

const THRESHOLD = 0.5;

const TOPIC_WORDS = new Map<string, string[]>();
for (const [w, t] of Object.entries(TOPICS)) TOPIC_WORDS.set(t, [...(TOPIC_WORDS.get(t) ?? []), w]);

/**
 * The question with its topics' other words ("address" also asks for "located", "street"), so a
 * search by words finds the entry that answers it in other words; relevance still decides.
 */
export function expandQuery(question: string): string {
  const topics = new Set(terms(question).filter((t) => TOPIC_WORDS.has(t)));
  const extra = [...topics].flatMap((t) => TOPIC_WORDS.get(t)!);
  return [question, ...extra].join(' ').slice(0, 300);
}

export function hoursSentence(t: Tenant, lang: Language): string {
  const p = words({ work: { language: lang } } as AgentEnv);
  const parts = weekdays.map((d) => {
    const ivs = t.businessHours[d];
    const ranges = ivs?.length
      ? ivs.map((i) => `${spokenClock(i.open, lang)}–${spokenClock(i.close, lang)}`)
      : [p.closedWord()];
    return p.dayHours(spokenWeekday(d, lang), ranges);
  });
  return p.hours(parts.join(', '));
}

/** The business's service a question is about ("how much is a cleaning"), if it names one. */
export function serviceIn(t: Tenant, question: string): string | undefined {
  const q = new Set(terms(question));
  return t.services.find((x) => terms(x.name).some((w) => q.has(w)))?.name;
}

function servicePrice(env: AgentEnv, question: string): string | undefined {
  if (!PRICE_WORDS.test(question)) return undefined;
  const q = new Set(terms(question));
  const t = env.ctx.tenant;
  const s = t.services.find(
    (x) => x.priceMinor !== undefined && terms(x.name).some((w) => q.has(w)),
  );
  if (!s) return undefined;
  const price = formatMoney({ amountMinor: s.priceMinor!, currency: t.currency });
  const lang = env.work.language;
  if (lang === 'fr') return `« ${s.name} » coûte ${price}.`;
  if (lang === 'es') return `«${s.name}» cuesta ${price}.`;
  return `${s.name} costs ${price}.`;
}

/** The true answer to a question, or undefined when the business's knowledge does not have it. */
export async function answerFor(
  env: AgentEnv,
  question: string,
): Promise<{ text: string; sources: string[] } | undefined> {
  const { ctx, services, work } = env;
  const hits = await services.knowledge.search(ctx.tenant.id, expandQuery(question), { limit: 5 });
  const lang = work.language;
  const scored = hits
    .map((h) => ({ h, score: relevance(question, h), lang: hitLanguage(h) }))
    .filter((x) => x.score >= THRESHOLD && (x.lang === lang || x.lang === 'en'))
    .sort((a, b) => Number(b.lang === lang) - Number(a.lang === lang) || b.score - a.score);
  const best: KnowledgeHit | undefined = scored[0]?.h;
  if (best) {
    // Prefer the entry written in the caller's language when the business has one.
    return { text: best.answer, sources: [best.id] };
  }
  if (HOURS_WORDS.test(question)) return { text: hoursSentence(ctx.tenant, lang), sources: [] };
  const price = servicePrice(env, question);
  if (price) return { text: price, sources: [] };
  return undefined;
}

function hitLanguage(h: KnowledgeHit): Language {
  if (h.tags.includes('fr')) return 'fr';
  if (h.tags.includes('es')) return 'es';
  return 'en';
}
