import { localDateOf } from '@receptionist/domain';
import type { Command, Expectation, UnderstandInput, Understanding } from './commands.ts';
import { findQuestions } from './knowledge.reader.ts';
import { detectLanguage } from './language.detector.ts';
import { kinds, repeatWhole, rules, startRules, starters, type Kind } from './lexicon.ts';
import { bareName, findName } from './name.reader.ts';
import { offerByWish, rankedChoice } from './offer.matcher.ts';
import { matchService } from './service.matcher.ts';
import { clausesOf, tokenAt, tokenize, type Utterance } from './utterance.tokenizer.ts';
import { parseWhen } from './when.parser.ts';

/**
 * The offline brain's reading of one utterance: rules, no model. Every phrase rule runs once over
 * the normalised words, in priority order, and each word goes to the first rule that takes it
 * ("cancel my booking" is a cancellation, not a booking; "good morning" a greeting, not a time);
 * then wishes, services, names, offers and questions are read from the words left. Commands come
 * back in the order they were said.
 */

interface Hit {
  kind: Kind | 'affirmStart' | 'denyStart';
  from: number;
  to: number;
}
interface Found {
  at: number;
  cmd: Command;
}

const OBJECTIONS = {
  trust: 'trust',
  price: 'price',
  discount: 'discount',
  timing: 'timing',
} as const;
const SLOT_VALUES = new Set(['set_when', 'set_service', 'set_name', 'choose_offer']);
const IMPLICIT_BOOK: (Expectation | null)[] = [null, 'anything_else', 'book_offer'];
const CONFIRMING: (Expectation | null)[] = ['confirm', 'book_offer', 'handoff_offer'];
const YES_NO: (Expectation | null)[] = [...CONFIRMING, 'anything_else', 'returning', 'choice'];

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

  const hits = phraseHits(u, claim);
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

  // Correction: values after "actually" / "no wait" / "... instead" replace what was agreed.
  const trigger = expecting
    ? hits.find((h) => h.kind === 'correctionPrefix' || h.kind === 'correctionPostfix')
    : undefined;
  let boundary = n;
  if (trigger?.kind === 'correctionPrefix') boundary = trigger.from;
  else if (trigger)
    boundary = clauses.find((c) => c.from <= trigger.from && trigger.from < c.to)!.from;
  const segments =
    boundary > 0 && boundary < n
      ? [
          [0, boundary],
          [boundary, n],
        ]
      : [[0, n]];

  const today = localDateOf(input.now, input.timezone);
  const values: Found[] = [];
  const serviceFree = (i: number) => free(i) || owner[i] === 'emergencyWord';
  let emergencyService = false;
  for (const [from, to] of segments as [number, number][]) {
    const ranked = input.offers.length
      ? rankedChoice(words, from, to, free, input.offers.length)
      : undefined;
    if (ranked) {
      claim({ kind: 'affirm', from: ranked.from, to: ranked.to });
      values.push({ at: ranked.from, cmd: ranked.choice });
    }
    const spoken = u.tokens.slice(from, to).filter((t) => !t.punct).length;
    const bare = (expecting === 'when' || expecting === 'choice') && spoken <= 5;
    const when = parseWhen(words, from, to, free, { today, bare });
    if (when) {
      const pick =
        !ranked && input.offers.length
          ? offerByWish(when, input.offers, input.timezone)
          : undefined;
      if (pick) values.push({ at: when.start, cmd: pick });
      else if (!ranked) values.push({ at: when.start, cmd: { type: 'set_when', wish: when.wish } });
    }
    const svc = matchService(input.services, words, from, to, serviceFree, expecting === 'service');
    if (svc) {
      values.push({ at: svc.at, cmd: { type: 'set_service', service: svc.service } });
      emergencyService ||= svc.emergencyOnly;
    }
  }
  const name =
    findName(u, free, input.services) ??
    (expecting === 'name' ? bareName(u, free, input.services) : undefined);
  if (name) {
    claim({ kind: 'affirm', from: name.from, to: name.to });
    values.push({ at: name.from, cmd: { type: 'set_name', name: name.name } });
  }
  const correcting = !!trigger && values.some((v) => v.at >= boundary);

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
      case 'cancelFlow':
        add({ type: 'cancel_flow' });
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
        add({ type: 'start_flow', flow: h.kind });
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
        add(
          CONFIRMING.includes(expecting)
            ? { type: 'affirm' }
            : { type: 'start_flow', flow: 'book' },
        );
        break;
      case 'book':
      case 'bookWeak':
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
  // "yeah so I was hoping...": a yes or no only answers a question that wanted one.
  if (!YES_NO.includes(expecting) && found.some((f) => !/^(affirm|deny)$/.test(f.cmd.type)))
    return done(
      found.filter((f) => !/^(affirm|deny)$/.test(f.cmd.type)),
      correcting,
    );
  return done(found, correcting);
}

/** Sorted as said; what one command already says is not said again. */
function finish(found: Found[], correcting = false): Command[] {
  found.sort((a, b) => a.at - b.at);
  const types = new Set(found.map((f) => f.cmd.type));
  const drop = new Set<string>();
  if (found.some((f) => f.cmd.type !== 'chitchat')) drop.add('chitchat');
  if (types.has('set_returning') || correcting) drop.add('affirm').add('deny');
  if (types.has('choose_offer') || types.has('set_name')) drop.add('affirm');
  if (correcting && !found.some((f) => SLOT_VALUES.has(f.cmd.type))) drop.delete('deny');
  const seen = new Set<string>();
  const out: Command[] = [];
  for (const { cmd } of found) {
    const key = JSON.stringify(cmd);
    if (drop.has(cmd.type) || seen.has(key)) continue;
    seen.add(key);
    out.push(cmd);
  }
  return out.length ? out.slice(0, 12) : [{ type: 'clarify' }];
}
