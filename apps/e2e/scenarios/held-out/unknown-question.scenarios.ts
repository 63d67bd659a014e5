// Held out: questions the business's knowledge does not answer.
import { SEED_PRICES, unansweredCall } from '../../runner/scenario.types.ts';

export const scenarios = [
  unansweredCall('unknown-ho-kids', 'Whether they see children.', ['do you see kids', 'ok']),
  unansweredCall(
    'unknown-ho-invisalign',
    'Invisalign and its price; asks for a call back.',
    ['do you do invisalign and how much is it', 'yeah can someone call me', 'thanks'],
    { escalation: 'any' },
  ),
  unansweredCall(
    'unknown-ho-wheelchair',
    'Wheelchair access.',
    ['is the office wheelchair accessible', 'ok thank you'],
    {},
    SEED_PRICES,
  ),
];
