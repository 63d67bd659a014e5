import type { Command, Expectation } from './commands.ts';

/**
 * Conversation repair for the slot just asked: after "May I have your name?", two words the brain
 * could not place ("owen price", "sean park", "will cho") are the name, not a question about
 * prices or parking. Applied to either brain's reading, only when it found nothing better.
 */
const NOT_NAME = new Set(
  (
    'yes yeah yep yup no nope nah ok okay sure thanks thank please hello hi hey bye what why how ' +
    "when where who sorry um uh the a an my is it its it's i me you your and or of to for in on at " +
    'this that be do can could would just fine good great oui non merci bonjour si sí gracias ' +
    'hola por favor le la les un une el los las de del y et'
  ).split(' '),
);
const WORD = /^\p{L}[\p{L}'’-]{0,30}$/u;
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export function bareName(text: string): string | undefined {
  const words = text
    .trim()
    .replace(/[.,!?;:]+$/u, '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length < 1 || words.length > 3) return undefined;
  if (!words.every((w) => WORD.test(w) && !NOT_NAME.has(w.toLowerCase()))) return undefined;
  return words.map((w) => cap(w.toLowerCase())).join(' ');
}

/** Where the caller was asked for something else, only words nothing else was made of count. */
const WEAK_WHEN_ASKED: Partial<Record<Expectation, ReadonlySet<Command['type']>>> = {
  name: new Set(['clarify', 'chitchat', 'knowledge', 'objection']),
  choice: new Set(['clarify', 'chitchat']),
  when: new Set(['clarify', 'chitchat']),
  service: new Set(['clarify', 'chitchat']),
};

export function readExpectedName(
  expecting: Expectation | null,
  text: string,
  commands: Command[],
): Command[] {
  const weak = expecting ? WEAK_WHEN_ASKED[expecting] : undefined;
  if (!weak || commands.some((c) => !weak.has(c.type))) return commands;
  const name = bareName(text);
  return name ? [{ type: 'set_name', name }] : commands;
}
