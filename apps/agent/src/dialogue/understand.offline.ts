import { localDateOf } from '@receptionist/domain';
import type { Command, Expectation, UnderstandInput, Understanding } from './commands.ts';
// The situations a turn can be read in, for readers outside the agent (the scenario stand-in).
export { expectations } from './commands.ts';
import { findQuestions } from './knowledge.reader.ts';
import { detectLanguage } from './language.detector.ts';
import { kinds, repeatWhole, rules, startRules, starters, type Kind } from './lexicon.ts';
import { readMove } from './move.reader.ts';
import { relieved } from './relief.reader.ts';
import { matchService } from './service.matcher.ts';
import { finish, readValues, type Found } from './understand.values.ts';
import { clausesOf, tokenAt, tokenize, type Utterance } from './utterance.tokenizer.ts';

/**
 * The offline brain's reading of one utterance: rules, no model. Every phrase rule runs once over
 * the normalised words, in priority order, and each word goes to the first rule that takes it
 * ("cancel my booking" is a cancellation, not a booking; "good morning" a greeting, not a time);
 * then wishes, services, names, offers and questions are read from the words left. Commands come
 * back in the order they were said.
 */

interface Hit {
  /** `old`: when the appointment being moved is, not a wish. */
  kind: Kind | 'affirmStart' | 'denyStart' | 'old';
  from: number;
  to: number;
}

const OBJECTIONS = {
  trust: 'trust',
  price: 'price',
  discount: 'discount',
  timing: 'timing',
} as const;
const IMPLICIT_BOOK: (Expectation | null)[] = [null, 'anything_else', 'book_offer'];
const CONFIRMING: (Expectation | null)[] = ['confirm', 'book_offer', 'handoff_offer'];
const YES_NO: (Expectation | null)[] = [...CONFIRMING, 'anything_else', 'returning', 'choice'];
/** Phrases a service may be named inside: "book a whitening appointment", "cancel my cleaning". */
const SERVICE_IN = new Set([
  'emergencyWord',
  'book',
  'bookWeak',
  'cancel',
  'reschedule',
  'lookup',
  'old',
]);

function phraseHits(u: Utterance, claim: (h: Hit) => boolean): Hit[] {
  const hits: Hit[] = [];
  for (const kind of kinds) {
    const re = rules[kind];
    re.lastIndex = 0;
    for (const m of u.norm.matchAll(re)) {
      const h = { kind, from: tokenAt(u, m.index), to: tokenAt(u, m.index + m[0].length - 1) + 1 };
      if (claim(h)) hits.push(h);
    }
  }
  return hits;
}

export function understandOffline(input: UnderstandInput): Understanding {
  const u = tokenize(input.text);
  const words = u.tokens.map((t) => t.norm);
  const n = words.length;
  const owner: (Hit['kind'] | undefined)[] = new Array(n);
  const free = (i: number) => owner[i] === undefined && !u.tokens[i]!.punct;
  const claim = (h: Hit) => {
    for (let i = h.from; i < h.to; i++) if (owner[i] !== undefined) return false;
    for (let i = h.from; i < h.to; i++) owner[i] = h.kind;
    return true;
  };
  const expecting = input.expecting;
  const lang = detectLanguage(u, input.language);
  const language = input.allowedLanguages.includes(lang) ? { language: lang } : {};
  const done = (found: Found[], correcting = false): Understanding => ({
    ...language,
    commands: finish(found, correcting),
  });
  const found: Found[] = [];
  if (input.digits?.trim() === '0')
    found.push({ at: -1, cmd: { type: 'human_handoff', reason: 'asked' } });
  if (!n) return done(found);

  // "It doesn't hurt anymore": a symptom said as over is no emergency (its words stay taken).
  const hits = phraseHits(u, claim).filter(
    (h) => !/^emergency/.test(h.kind) || !relieved(words, h.from, h.to),
  );
  const clauses = clausesOf(u, starters);
  for (const c of clauses) {
    for (const [kind, re] of [
      ['affirmStart', startRules.affirm],
      ['denyStart', startRules.deny],
    ] as const) {
      re.lastIndex = u.tokens[c.from]!.at;
      const m = re.exec(u.norm);
      if (!m) continue;
      const h = { kind, from: c.from, to: tokenAt(u, m.index + m[0].length - 1) + 1 };
      if (claim(h)) hits.push(h);
    }
  }
  const has = (k: Hit['kind']) => hits.some((h) => h.kind === k);

  if (expecting === 'message') {
    const short = n <= 5;
    if (short && has('cancelFlow')) return done([{ at: 0, cmd: { type: 'cancel_flow' } }]);
    if (has('handoff')) return done([{ at: 0, cmd: { type: 'human_handoff', reason: 'asked' } }]);
    return done([{ at: 0, cmd: { type: 'leave_message', message: u.text.trim() } }]);
  }

  const today = localDateOf(input.now, input.timezone);
  const serviceFree = (i: number) => free(i) || SERVICE_IN.has(owner[i] ?? '');
  const move = readMove({
    words,
    hits,
    free,
    today,
    old: (i) => (owner[i] = 'old'),
    service: (from, to) =>
      matchService(input.services, words, from, to, serviceFree, false)?.service,
  });
  const swap = move.swapFrom !== undefined;
  const moved = (h: Hit) => swap && h.from > move.swapFrom!;

  // Correction: values after "actually" / "no wait" / "... instead" replace what was said.
  // "... and book a whitening instead" after a cancellation is a second request, not a correction.
  const trigger =
    move.bookFrom === undefined
      ? hits.find((h) => h.kind === 'correctionPrefix' || h.kind === 'correctionPostfix')
      : undefined;
  let boundary = move.bookFrom ?? n;
  if (trigger?.kind === 'correctionPrefix') boundary = trigger.from;
  else if (trigger)
    boundary = clauses.find((c) => c.from <= trigger.from && trigger.from < c.to)!.from;
  const segments: [number, number][] =
    boundary > 0 && boundary < n
      ? [
          [0, boundary],
          [boundary, n],
        ]
      : [[0, n]];
  const { values, emergencyService, contrastAt } = readValues({
    u,
    input,
    today,
    segments,
    apart: move.bookFrom !== undefined,
    free,
    serviceFree,
    claim: (from, to) => claim({ kind: 'affirm', from, to }),
    quiet: !hits.length,
  });
  // "10 not 9", "3 is too late, can we do 1": a new time for the one turned down.
  const contrast = !!expecting && contrastAt !== undefined;
  const correcting =
    !!expecting && ((!!trigger && values.some((v) => v.at >= boundary)) || contrast);
  if (contrast) found.push({ at: contrastAt - 0.25, cmd: { type: 'correction' } });

  // Questions for the business; inside a question, a service or a day is not a booking.
  const bookingAt = [
    ...values.map((v) => v.at),
    ...hits
      .filter((h) => !/^(greeting|affirm|deny|affirmStart|denyStart)$/.test(h.kind))
      .map((h) => h.from),
  ];
  const questions = hits.some((h) => h.kind === 'override')
    ? []
    : findQuestions(
        u,
        clauses,
        (i) => owner[i] !== undefined,
        bookingAt,
        (i) => owner[i] === 'greeting',
      );
  const inPure = (at: number) => questions.some((q) => q.pure && at >= q.from && at < q.to);
  for (const q of questions)
    found.push({ at: q.from, cmd: { type: 'knowledge', question: q.question } });
  for (const v of values) if (!inPure(v.at) || v.cmd.type === 'set_name') found.push(v);

  const emergency = hits.some(
    (h) => h.kind === 'emergency' || (h.kind === 'emergencyWord' && !emergencyService),
  );
  const reason = emergency ? 'emergency' : has('complaint') ? 'complaint' : 'asked';
  let handoffSaid = false;
  for (const h of hits) {
    const at = h.from;
    const add = (cmd: Command) => found.push({ at, cmd });
    switch (h.kind) {
      case 'override':
        add({ type: 'override_attempt' });
        break;
      case 'handoff':
      case 'complaint':
        if (!handoffSaid) add({ type: 'human_handoff', reason });
        handoffSaid = true;
        break;
      case 'trust':
      case 'price':
      case 'discount':
      case 'timing':
        add({ type: 'objection', kind: OBJECTIONS[h.kind] });
        break;
      case 'message':
        add({ type: 'leave_message' });
        break;
      case 'waitlist':
        add({ type: 'join_waitlist' });
        break;
      case 'cancelFlow':
        // "Peu importe", "no importa" asked to choose: whichever.
        if (
          expecting === 'choice' &&
          /^(peu importe|no importa)$/.test(words.slice(h.from, h.to).join(' '))
        ) {
          if (!values.some((v) => v.cmd.type === 'choose_offer'))
            add({ type: 'choose_offer', relative: 'first' });
        } else add({ type: 'cancel_flow' });
        break;
      case 'returningNot':
      case 'returningYes':
        add({ type: 'set_returning', returning: true });
        break;
      case 'returningNo':
        add({ type: 'set_returning', returning: false });
        break;
      case 'cancel':
      case 'reschedule':
        add({ type: 'start_flow', flow: swap ? 'reschedule' : h.kind });
        break;
      case 'lookup':
        if (!has('cancel') && !has('reschedule')) add({ type: 'start_flow', flow: 'lookup' });
        break;
      case 'emergencyWord':
      case 'emergency':
        if (!handoffSaid && !hits.some((x) => x.kind === 'handoff' || x.kind === 'complaint'))
          if (h.kind === 'emergency' || !emergencyService) add({ type: 'emergency' });
        break;
      case 'affirmBook':
        if (moved(h)) break;
        add(
          CONFIRMING.includes(expecting)
            ? { type: 'affirm' }
            : { type: 'start_flow', flow: 'book' },
        );
        break;
      case 'book':
      case 'bookWeak':
        if (moved(h)) break;
        if ((h.kind === 'book' || IMPLICIT_BOOK.includes(expecting)) && !inPure(at))
          add({ type: 'start_flow', flow: 'book' });
        break;
      case 'affirm':
      case 'affirmStart':
        add({ type: 'affirm' });
        break;
      case 'deny':
      case 'denyStart':
        add({ type: 'deny' });
        break;
      case 'correctionPrefix':
        if (correcting) add({ type: 'correction' });
        else if (/^(no|non)$/.test(words[h.from]!)) add({ type: 'deny' });
        break;
      case 'correctionPostfix':
        if (correcting) found.push({ at: boundary - 0.25, cmd: { type: 'correction' } });
        break;
      case 'goodbye':
        add({ type: 'goodbye' });
        break;
      case 'repeat':
        add({ type: 'repeat' });
        break;
      case 'greeting':
        add({ type: 'chitchat' });
        break;
    }
  }
  const plain = words.filter((w) => !/^[,.!?;]$/.test(w)).join(' ');
  if (repeatWhole.test(plain)) found.push({ at: 0, cmd: { type: 'repeat' } });
  if (expecting === 'returning' && /^(new|nuevo|nueva|nouveau|nouvelle)$/.test(plain))
    found.push({ at: 0, cmd: { type: 'set_returning', returning: false } });

  asMove(found, words, expecting);
  // "I need a cleaning", "do you have anything Thursday": a booking, though "book" was not said.
  const types = new Set(found.map((f) => f.cmd.type));
  const asked = found.filter((f) => f.cmd.type === 'set_service' || f.cmd.type === 'set_when');
  const busy = ['start_flow', 'cancel_flow', 'human_handoff', 'leave_message', 'choose_offer'];
  if (
    IMPLICIT_BOOK.includes(expecting) &&
    asked.length &&
    !busy.some((t) => types.has(t as Command['type']))
  )
    found.push({
      at: Math.min(...asked.map((f) => f.at)) - 0.5,
      cmd: { type: 'start_flow', flow: 'book' },
    });
  // "ok, how much is a cleaning?" to an offered callback: a bare okay before a question of the
  // caller's own moves the conversation on; it accepts nothing.
  if (
    OFFERS.includes(expecting) &&
    WEAK_ACK.test(words[0] ?? '') &&
    !words.some((w) => STRONG_YES.test(w)) &&
    found.some((f) => f.cmd.type === 'knowledge')
  )
    for (let i = found.length - 1; i >= 0; i--)
      if (found[i]!.cmd.type === 'affirm') found.splice(i, 1);
  // "yeah so I was hoping...": a yes or no only answers a question that wanted one.
  if (!YES_NO.includes(expecting) && found.some((f) => !/^(affirm|deny)$/.test(f.cmd.type)))
    return done(
      found.filter((f) => !/^(affirm|deny)$/.test(f.cmd.type)),
      correcting,
    );
  return done(found, correcting);
}

/**
 * "Could I come in an hour later", "come in earlier on Wednesday instead": a time said relative to
 * another, with no offer on the table and no service named, moves the appointment the caller has.
 */
function asMove(found: Found[], words: string[], expecting: Expectation | null): void {
  if (expecting === 'choice' || found.some((f) => f.cmd.type === 'set_service')) return;
  const shifted = found.find(
    (f) =>
      f.cmd.type === 'set_when' &&
      (f.cmd.wish.shiftMinutes !== undefined ||
        (f.cmd.wish.relative !== undefined && words.some((w) => INSTEAD.test(w)))),
  );
  if (!shifted) return;
  for (const f of found)
    if (f.cmd.type === 'start_flow' && f.cmd.flow === 'book')
      f.cmd = { type: 'start_flow', flow: 'reschedule' };
}
const INSTEAD = /^(instead|plutot|lugar|vez)$/;
const OFFERS: (Expectation | null)[] = ['book_offer', 'handoff_offer'];
const WEAK_ACK = /^(ok|okay|alright|right|d'accord|bon|vale|bueno)$/;
const STRONG_YES = /^(yes|yeah|yep|please|sure|oui|si|sí)$/;
