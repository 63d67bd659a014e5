// Held out: questions the business's knowledge does not answer.
import { call, SEED_PRICES, UNRELATED_FACTS, type Scenario } from '../../runner/scenario.types.ts';

export const scenarios: Scenario[] = [
  call(
    'unknown-ho-kids',
    'unknown_question',
    'Whether they see children.',
    ['do you see kids', 'ok'],
    { booking: 'none', replyNoneOf: UNRELATED_FACTS },
  ),
  call(
    'unknown-ho-invisalign',
    'unknown_question',
    'Invisalign and its price; asks for a call back.',
    ['do you do invisalign and how much is it', 'yeah can someone call me', 'thanks'],
    { booking: 'none', replyNoneOf: UNRELATED_FACTS, escalation: 'any' },
  ),
  call(
    'unknown-ho-wheelchair',
    'unknown_question',
    'Wheelchair access.',
    ['is the office wheelchair accessible', 'ok thank you'],
    { booking: 'none', replyNoneOf: SEED_PRICES },
  ),
];
