/**
 * Pain, bleeding or urgency said as over or absent is no emergency: "it doesn't hurt anymore", "the
 * bleeding stopped", "it's not urgent", "ça ne saigne plus", "je n'ai plus de douleur", "ya no me
 * duele", "no me duele", "el dolor se fue". Looked at a few words either side of the symptom, never
 * across a "but" or a punctuation mark ("I'm not sure but it really hurts" is still pain).
 */

/** Right before the symptom, these deny it: "not in pain", "ne saigne plus", "no me duele". */
const DENY_BEFORE =
  /^(no|not|isn't|doesn't|don't|didn't|ain't|never|without|stopped|longer|pas|ne|n'|plus|sin|nunca)$/;
/** Between such a word and the symptom: "not an emergency", "plus de douleur", "not really urgent". */
const SOFT = /^(a|an|any|in|really|very|that|so|de|d'|me|le|la|mas|tan|more)$/;
/** Said after the symptom: "the pain is gone", "bleeding stopped", "it doesn't hurt anymore". */
const OVER_AFTER =
  /^(anymore|gone|away|stopped|over|plus|disparu|partie|parti|passee|passe|fue|quito|paso|paro|termino)$/;
/** "it won't go away", "it hasn't stopped": the symptom goes on. */
const GOES_ON = /^(won't|doesn't|hasn't|isn't|not|never|can't|pas|no|sigue|toujours|still)$/;
const STOP = /^([,.!?;]|but|mais|pero|though|although|sino)$/;

export function relieved(words: string[], from: number, to: number): boolean {
  const b1 = words[from - 1] ?? '';
  const b2 = words[from - 2] ?? '';
  if (DENY_BEFORE.test(b1) || (SOFT.test(b1) && DENY_BEFORE.test(b2) && b2 !== 'stopped'))
    return true;
  // "no longer": "longer" is the word before, said after "no".
  for (let k = to; k < Math.min(words.length, to + 5); k++) {
    const x = words[k]!;
    if (STOP.test(x) || GOES_ON.test(x)) return false;
    if (x === 'more' && words[k - 1] === 'any') return true;
    if (x === 'plus' && k !== to) continue; // "saigne de plus en plus": worse, not over
    if (OVER_AFTER.test(x)) return true;
  }
  return false;
}
