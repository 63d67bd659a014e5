import * as chrono from 'chrono-node';
import { localDateOf, localTimeOf, type Tenant } from '@receptionist/domain';

/** Deterministic understanding of what a caller said: intents, yes/no, names, dates and times. */

export type Intent = 'escalation' | 'objection' | 'booking' | 'closing' | 'faq' | 'qualification';

const RULES: [Intent, RegExp][] = [
  [
    'escalation',
    /\b(speak|talk|put me through|connect me|transfer me)\b.{0,30}\b(person|human|someone|somebody|manager|owner|staff|receptionist|representative|real)\b|\b(human|operator|representative)\b|\btake a message\b|\bcall me back\b/i,
  ],
  [
    'objection',
    /\btoo (expensive|much|pricey|costly)\b|\bcan'?t afford\b|\bcheaper\b|\bover ?priced\b|\bnot (right )?now\b|\bthink about it\b|\bno time\b|\bdon'?t trust\b|\bscam\b|\blegit\b|\breviews?\b/i,
  ],
  [
    'booking',
    /\bbook\b|\bappointment\b|\bschedule\b|\breschedule\b|\bcancel\b|\bavailab|\bslot\b|\bcome in\b|\bopenings?\b|\bmove my\b/i,
  ],
  [
    'closing',
    /\b(that'?s all|that is all|nothing else|no,? thanks?|bye|goodbye|have a (good|nice) (day|one))\b/i,
  ],
  [
    'faq',
    /\?|\b(how much|price|prices|cost|costs|do you|are you|where|when are you|hours|open|insurance|parking|located|address|deposit|accept)\b/i,
  ],
  [
    'qualification',
    /\b(my name is|this is|i'?m new|new patient|first time|returning|been (there|here) before)\b/i,
  ],
];

export function detectIntents(text: string): Intent[] {
  return RULES.filter(([, re]) => re.test(text)).map(([i]) => i);
}

export function isAffirmative(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (/\b(no|not|don'?t|wait|actually|instead|cancel that)\b/.test(t)) return false;
  return /^(yes|yeah|yep|yup|sure|correct|right|ok|okay|please do|please|go ahead|that works|sounds good|perfect|confirm|absolutely|definitely|great|do it|book it)\b/.test(
    t,
  );
}

export function isNegative(text: string): boolean {
  return /^(no|nope|nah|not really|don'?t|wait|actually)\b/i.test(text.trim());
}

/** Words that try to change the rules rather than ask for something. */
export function looksLikeOverride(text: string): boolean {
  return /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(rules?|instructions?|prompt|polic(y|ies)|system|previous|above)\b|\bsystem prompt\b|\byou are now\b|\bdeveloper mode\b|\bjailbreak\b|\bfor free\b|\bfree of charge\b|\bwithout (a )?(deposit|paying|payment)\b|\bno deposit\b|\bpretend (you|to)\b/i.test(
    text,
  );
}

const NAME_WORD = "[A-Z][a-zA-Z'-]+";
const NAME_RE = new RegExp(
  `\\b(?:my name is|name's|this is|i am|i'm|it's|call me)\\s+(${NAME_WORD}(?:\\s+${NAME_WORD})?)`,
  'i',
);
const NOT_NAMES = new Set(
  'calling looking new interested here just wondering trying a an the not sure fine good ok okay'.split(
    ' ',
  ),
);

export function extractName(text: string): string | undefined {
  const m = NAME_RE.exec(text);
  if (!m) return undefined;
  const words = m[1]!.split(/\s+/).filter((w) => /^[A-Z]/.test(w));
  if (!words.length || NOT_NAMES.has(words[0]!.toLowerCase())) return undefined;
  return words.join(' ');
}

/** A bare answer to "may I have your name?": one or two capitalised words. */
export function bareName(text: string): string | undefined {
  const t = text.trim().replace(/[.!]$/, '');
  if (/^[A-Z][a-zA-Z'-]+(\s+[A-Z][a-zA-Z'-]+)?$/.test(t) && !NOT_NAMES.has(t.toLowerCase()))
    return t;
  return undefined;
}

export function extractEmail(text: string): string | undefined {
  return /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/.exec(text)?.[0];
}

export function extractPhone(text: string): string | undefined {
  const m = /(\+?\d[\d\s().-]{8,}\d)/.exec(text);
  return m ? m[1]!.replace(/[^\d+]/g, '') : undefined;
}

export function matchService(tenant: Tenant, text: string): string | undefined {
  const t = text.toLowerCase();
  for (const s of tenant.services) {
    const words = s.name
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length > 3 && !['and', 'visit', 'with'].includes(w));
    if (t.includes(s.name.toLowerCase()) || words.some((w) => t.includes(w.replace(/s$/, ''))))
      return s.name;
  }
  return undefined;
}

export interface SpokenWhen {
  /** The local date the caller meant. */
  date: string;
  /** The local time, when they said one. */
  time?: string;
}

/** "tomorrow at 10", "next Tuesday", "Friday afternoon" in the tenant's timezone. */
export function parseWhen(text: string, timezone: string, now: Date): SpokenWhen | undefined {
  // chrono reckons "tomorrow" on the process's own calendar: hand it a reference whose local wall
  // clock is the tenant's, and read the parsed components rather than its Date.
  const [y, mo, d] = localDateOf(now, timezone).split('-').map(Number) as [number, number, number];
  const [hh, mi] = localTimeOf(now, timezone).split(':').map(Number) as [number, number];
  const results = chrono.parse(text, new Date(y, mo - 1, d, hh, mi), { forwardDate: true });
  const r = results[0];
  if (!r) return undefined;
  const s = r.start;
  const date = `${s.get('year')}-${String(s.get('month')).padStart(2, '0')}-${String(s.get('day')).padStart(2, '0')}`;
  if (!s.isCertain('hour')) return { date };
  let hour = s.get('hour') ?? 0;
  // "at 2" during business hours means the afternoon, not 2 in the morning.
  if (!s.isCertain('meridiem') && hour >= 1 && hour <= 6) hour += 12;
  const time = `${String(hour).padStart(2, '0')}:${String(s.get('minute') ?? 0).padStart(2, '0')}`;
  return { date, time };
}

export function urgencyOf(text: string): 'high' | 'normal' | undefined {
  if (
    /\b(urgent|emergency|asap|as soon as possible|pain|hurts|bleeding|broken|swollen)\b/i.test(text)
  )
    return 'high';
  if (/\b(soon|this week|next week)\b/i.test(text)) return 'normal';
  return undefined;
}

export function returningOf(text: string): boolean | undefined {
  if (/\b(new patient|first time|never been|new here|i'?m new)\b/i.test(text)) return false;
  if (/\b(returning|been (there|here) before|existing patient|regular|again)\b/i.test(text))
    return true;
  return undefined;
}
