import type { Command, UnderstandInput } from './commands.ts';
import { bareName, findName } from './name.reader.ts';
import {
  beyondOffers,
  namesDay,
  offerByWish,
  rankedChoice,
  rankOnDay,
  windowBeyond,
  type Beyond,
  type OfferPick,
} from './offer.matcher.ts';
import { matchService, type ServiceHit } from './service.matcher.ts';
import { readShift, SHIFT_CUE } from './shift.reader.ts';
import type { Utterance } from './utterance.tokenizer.ts';
import { parseWhen, type WhenHit } from './when.parser.ts';
import { laidOver } from './when.revision.ts';

/**
 * The values of the booking frame in an utterance: a choice among the offers, a day and time, a
 * service, a name. Read per segment (before and after a correction); a value said after the
 * correction replaces the same kind of value said before it. And the commands' final order.
 */

const SLOT_VALUES = new Set(['set_when', 'set_service', 'set_name', 'choose_offer']);

export interface Found {
  at: number;
  cmd: Command;
}

export interface ValueReading {
  values: Found[];
  /** The service was named only by an emergency word ("it's urgent"). */
  emergencyService: boolean;
  /** Where a time was read beside one turned down ("10 not 9"): a correction. */
  contrastAt?: number;
}

interface Segment {
  ranked?: OfferPick;
  beyond?: Beyond;
  when?: WhenHit;
  svc?: ServiceHit;
}

export interface ValueInput {
  u: Utterance;
  input: UnderstandInput;
  today: string;
  segments: [number, number][];
  /** The segments are two requests (a cancellation, then a booking): neither replaces the other. */
  apart?: boolean;
  free: (i: number) => boolean;
  /** Words a service may be named in (inside "book a whitening appointment" too). */
  serviceFree: (i: number) => boolean;
  claim: (from: number, to: number) => void;
  /** Nothing but values was heard: two bare words may be a name. */
  quiet: boolean;
}

/**
 * "The second one", "the last one" when the services were just listed: the service in that place
 * of the list the agent read out (the business's own order, the order the brain is given).
 */
function serviceByRank(
  words: string[],
  from: number,
  to: number,
  free: (i: number) => boolean,
  services: string[],
  v: ValueInput,
): ServiceHit | undefined {
  const pick = rankedChoice(words, from, to, free, services.length);
  if (!pick) return undefined;
  const { index, relative } = pick.choice;
  const service = services[index ?? (relative === 'last' ? services.length - 1 : 0)];
  if (!service) return undefined;
  v.claim(pick.from, pick.to);
  return { service, at: pick.from, emergencyOnly: false };
}

export function readValues(v: ValueInput): ValueReading {
  const { u, input, today, free } = v;
  const words = u.tokens.map((t) => t.norm);
  const expecting = input.expecting;
  // A relative move needs a word of change, or a question about the time ("back in an hour" is not).
  const shiftHeard =
    expecting === 'when' ||
    expecting === 'choice' ||
    expecting === 'confirm' ||
    words.some((x) => SHIFT_CUE.test(x));
  const segs: Segment[] = v.segments.map(([from, to]) => {
    const ranked = input.offers.length
      ? rankedChoice(words, from, to, free, input.offers.length)
      : undefined;
    if (ranked) v.claim(ranked.from, ranked.to);
    const beyond =
      !ranked && expecting === 'choice' && input.offers.length
        ? beyondOffers(words, from, to, free)
        : undefined;
    if (beyond) v.claim(beyond.from, beyond.to);
    const spoken = u.tokens.slice(from, to).filter((t) => !t.punct).length;
    const bare = (expecting === 'when' || expecting === 'choice') && spoken <= 5;
    // "An hour later": read first so its words are not a time of day.
    const shift = shiftHeard
      ? readShift(words, from, to, free, expecting === 'when' || expecting === 'choice')
      : undefined;
    if (shift) v.claim(shift.from, shift.to);
    const day = parseWhen(words, from, to, free, { today, bare });
    // A time of day said with it ("later that afternoon") is the wish; a day alone takes the shift.
    const timed = day && (day.wish.time || day.wish.after || day.wish.before || day.wish.earliest);
    const when: WhenHit | undefined =
      !shift || timed
        ? day
        : day
          ? { ...day, wish: { ...day.wish, ...shift.wish } }
          : { wish: shift.wish, start: shift.from, end: shift.to };
    const svc =
      matchService(input.services, words, from, to, v.serviceFree, expecting === 'service') ??
      (expecting === 'service' && !ranked
        ? serviceByRank(words, from, to, free, input.services, v)
        : undefined);
    return { ranked, beyond, when, svc };
  });
  // "Friday, no wait, Monday at 10": what is said after the correction replaces what came before.
  const [a, b] = segs;
  if (a && b && !v.apart) {
    if (b.when && a.when && !b.ranked) {
      const weekday = b.when.weekday ?? (b.when.wish.date ? undefined : a.when.weekday);
      b.when = {
        ...b.when,
        wish: laidOver(a.when.wish, b.when.wish),
        ...(weekday !== undefined ? { weekday } : {}),
        ...(a.when.rejected || b.when.rejected ? { rejected: true } : {}),
      };
    }
    if (b.when || b.ranked) {
      delete a.when;
      delete a.ranked;
    }
    if (b.svc) delete a.svc;
  }
  const values: Found[] = [];
  let emergencyService = false;
  let contrastAt: number | undefined;
  for (const { ranked, beyond, when, svc } of segs) {
    // "The earliest you have on Thursday": the first offer on Thursday, not the first of all.
    const onDay =
      ranked?.choice.relative && when && namesDay(when) && !when.wish.time
        ? rankOnDay(ranked.choice.relative, when, input.offers, input.timezone)
        : undefined;
    // "Anything later?": times past the offers, not a question for the business.
    const past = beyond && windowBeyond(beyond, when, input.offers, input.timezone);
    if (onDay) values.push({ at: ranked!.from, cmd: onDay });
    else if (ranked) values.push({ at: ranked.from, cmd: ranked.choice });
    if (past) values.push({ at: beyond!.from, cmd: { type: 'set_when', wish: past } });
    else if (when && !onDay) {
      const pick =
        !ranked && input.offers.length
          ? offerByWish(when, input.offers, input.timezone)
          : undefined;
      if (pick) values.push({ at: when.start, cmd: pick });
      else if (!ranked) values.push({ at: when.start, cmd: { type: 'set_when', wish: when.wish } });
      if (when.rejected) contrastAt ??= when.start;
    }
    if (svc) {
      values.push({ at: svc.at, cmd: { type: 'set_service', service: svc.service } });
      emergencyService ||= svc.emergencyOnly;
    }
  }
  // "ben cole" said when a time was asked: two words that are nothing else are a name.
  const twoWords =
    (expecting === 'choice' || expecting === 'when') && v.quiet && !values.length
      ? bareName(u, free, input.services, 2)
      : undefined;
  const name =
    findName(u, free, input.services) ??
    (expecting === 'name' ? bareName(u, free, input.services) : twoWords);
  if (name) {
    v.claim(name.from, name.to);
    values.push({ at: name.from, cmd: { type: 'set_name', name: name.name } });
  }
  return { values, emergencyService, ...(contrastAt !== undefined ? { contrastAt } : {}) };
}

/** Sorted as said; what one command already says is not said again. */
export function finish(found: Found[], correcting = false): Command[] {
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
