import { z } from 'zod';

/**
 * What staff read about a call once it is over: why the caller rang, how it ended, whether
 * someone must get back to them, how they felt, and the caller's own words behind each. Claude
 * writes it when the worker has a key; the rules below write the same record without one.
 */
export const callIntents = [
  'book',
  'reschedule',
  'cancel',
  'question',
  'price',
  'emergency',
  'complaint',
  'other',
] as const;
export const analysisOutcomes = [
  'booked',
  'answered',
  'handed_to_staff',
  'message_left',
  'dropped',
  'missed',
] as const;
export const sentiments = ['positive', 'neutral', 'negative'] as const;

/** One of the caller's utterances, quoted, that a field was read from. */
const quote = z.string().min(1).max(300);

export const callAnalysisSchema = z.object({
  intent: z.enum(callIntents),
  outcome: z.enum(analysisOutcomes),
  followUpNeeded: z.boolean(),
  followUpReason: z.string().max(300).nullable(),
  sentiment: z.enum(sentiments),
  evidence: z.object({
    intent: z.array(quote).max(3),
    outcome: z.array(quote).max(3),
    followUp: z.array(quote).max(3),
    sentiment: z.array(quote).max(3),
  }),
});
export type CallAnalysis = z.infer<typeof callAnalysisSchema>;

/** The outcome staff read, from the call's own outcome. */
export function analysisOutcomeOf(outcome: string | null): CallAnalysis['outcome'] {
  switch (outcome) {
    case 'booked':
      return 'booked';
    case 'question_answered':
      return 'answered';
    case 'escalated':
      return 'handed_to_staff';
    case 'message_taken':
      return 'message_left';
    case 'abandoned':
      return 'dropped';
    default:
      return 'missed';
  }
}

// Words, not patterns: each utterance is split into words once and looked up in these sets.
const INTENT_WORDS: [CallAnalysis['intent'], string[]][] = [
  [
    'emergency',
    [
      'emergency',
      'urgent',
      'bleeding',
      'pain',
      'broken',
      'urgence',
      'douleur',
      'urgencia',
      'dolor',
    ],
  ],
  [
    'complaint',
    ['complaint', 'complain', 'unhappy', 'terrible', 'refund', 'plainte', 'queja', 'reclamación'],
  ],
  ['cancel', ['cancel', 'annuler', 'cancelar']],
  ['reschedule', ['reschedule', 'move', 'change', 'déplacer', 'changer', 'cambiar', 'mover']],
  ['price', ['price', 'cost', 'much', 'prix', 'coûte', 'combien', 'precio', 'cuesta', 'cuánto']],
  [
    'book',
    ['book', 'appointment', 'booking', 'schedule', 'rendez-vous', 'réserver', 'cita', 'reservar'],
  ],
  [
    'question',
    [
      'open',
      'hours',
      'parking',
      'insurance',
      'where',
      'when',
      'horaires',
      'ouvert',
      'horario',
      'abierto',
    ],
  ],
];
const POSITIVE = new Set([
  'thanks',
  'thank',
  'great',
  'perfect',
  'wonderful',
  'merci',
  'parfait',
  'génial',
  'gracias',
  'perfecto',
  'genial',
]);
const NEGATIVE = new Set([
  'angry',
  'unhappy',
  'terrible',
  'awful',
  'bad',
  'worst',
  'ridiculous',
  'mécontent',
  'nul',
  'horrible',
  'enojado',
  'malo',
  'pésimo',
]);

const wordsOf = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}'-]+/u)
      .filter(Boolean),
  );
const clip = (s: string) => (s.length > 300 ? `${s.slice(0, 297)}...` : s);

/**
 * The record by rules: the first intent any utterance names (most pressing first), the call's
 * own outcome, a follow-up for every call that left the caller without what they came for, and
 * sentiment from words of thanks or anger. Each field quotes the utterances it was read from.
 */
export function analyseCallByRules(call: {
  outcome: string | null;
  callerSaid: readonly string[];
}): CallAnalysis {
  const said = call.callerSaid.map((s) => s.trim()).filter(Boolean);
  const words = said.map(wordsOf);
  let intent: CallAnalysis['intent'] = said.length ? 'other' : 'other';
  let intentQuotes: string[] = [];
  for (const [kind, list] of INTENT_WORDS) {
    const hits = said.filter((_, i) => list.some((w) => words[i]!.has(w)));
    if (hits.length) {
      intent = kind;
      intentQuotes = hits.slice(0, 3).map(clip);
      break;
    }
  }
  const outcome = analysisOutcomeOf(call.outcome);
  const positives = said.filter((_, i) => [...words[i]!].some((w) => POSITIVE.has(w)));
  const negatives = said.filter((_, i) => [...words[i]!].some((w) => NEGATIVE.has(w)));
  const sentiment: CallAnalysis['sentiment'] =
    negatives.length > positives.length || intent === 'complaint'
      ? 'negative'
      : positives.length
        ? 'positive'
        : 'neutral';
  const followUpNeeded =
    outcome !== 'booked' && outcome !== 'answered' ? true : intent === 'complaint';
  const followUpReason = !followUpNeeded
    ? null
    : outcome === 'missed'
      ? 'the call was missed'
      : outcome === 'dropped'
        ? 'the caller started booking and did not finish'
        : outcome === 'handed_to_staff' || outcome === 'message_left'
          ? 'the caller is waiting to hear from the team'
          : 'the caller complained';
  const last = said.length ? [clip(said[said.length - 1]!)] : [];
  return {
    intent,
    outcome,
    followUpNeeded,
    followUpReason,
    sentiment,
    evidence: {
      intent: intentQuotes,
      outcome: last,
      followUp: followUpNeeded ? (intent === 'complaint' ? intentQuotes : last) : [],
      sentiment: (sentiment === 'negative' ? negatives : sentiment === 'positive' ? positives : [])
        .slice(0, 3)
        .map(clip),
    },
  };
}

/**
 * Quotes Claude gives must be the caller's own words: a quote found in no utterance is dropped,
 * so the record never puts words in the caller's mouth.
 */
export function keepCallerQuotes(a: CallAnalysis, callerSaid: readonly string[]): CallAnalysis {
  const text = callerSaid.join('\n').toLowerCase();
  const keep = (qs: string[]) => qs.filter((q) => text.includes(q.toLowerCase().trim()));
  return {
    ...a,
    evidence: {
      intent: keep(a.evidence.intent),
      outcome: keep(a.evidence.outcome),
      followUp: keep(a.evidence.followUp),
      sentiment: keep(a.evidence.sentiment),
    },
  };
}
