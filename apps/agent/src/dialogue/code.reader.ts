/**
 * A one-time code as callers read it: "4 8 1 5 2 3", "481 523", "four eight one five two three",
 * "quatre huit un...", "cuatro ocho uno...", or pressed on the keypad. Only the digits count.
 */
const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  to: '2',
  too: '2',
  three: '3',
  four: '4',
  for: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  ate: '8',
  nine: '9',
  zéro: '0',
  un: '1',
  une: '1',
  deux: '2',
  trois: '3',
  quatre: '4',
  cinq: '5',
  sept: '7',
  huit: '8',
  neuf: '9',
  cero: '0',
  uno: '1',
  dos: '2',
  tres: '3',
  cuatro: '4',
  cinco: '5',
  seis: '6',
  siete: '7',
  ocho: '8',
  nueve: '9',
};

export function readCode(text: string, digits?: string, length = 6): string | undefined {
  if (digits && /^\d+$/.test(digits) && digits.length === length) return digits;
  let out = '';
  for (const word of text
    .toLowerCase()
    .slice(0, 300)
    .split(/[^\p{L}\d]+/u)) {
    if (!word) continue;
    if (/^\d+$/.test(word)) out += word;
    else if (DIGIT_WORDS[word]) out += DIGIT_WORDS[word];
  }
  return out.length === length ? out : undefined;
}
