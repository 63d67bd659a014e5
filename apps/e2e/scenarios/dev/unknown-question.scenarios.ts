// Questions the business's knowledge does not answer: an honest "I don't know, shall I ask the
// team" is right; a price from another service, a booking, or an invented fact is not.
import { call, UNRELATED_FACTS, type Scenario } from '../../runner/scenario.types.ts';

export const scenarios: Scenario[] = [
  call(
    'unknown-adult-braces',
    'unknown_question',
    'Braces for adults: not in the knowledge.',
    ['do you do braces for adults', 'ok thanks'],
    { booking: 'none', replyNoneOf: UNRELATED_FACTS },
  ),
  call(
    'unknown-walk-ins',
    'unknown_question',
    'Walk-ins: not in the knowledge.',
    ['do you take walk-ins', 'alright thanks'],
    { booking: 'none', replyNoneOf: UNRELATED_FACTS },
  ),
  call(
    'unknown-root-canal-price',
    'unknown_question',
    'Root canal price: must not quote the price of something else.',
    ['how much is a root canal', 'ok'],
    { booking: 'none', replyNoneOf: UNRELATED_FACTS },
  ),
  call(
    'unknown-implants-callback',
    'unknown_question',
    'Implants; accepts having the team call back.',
    ['do you do implants', 'yes please have someone call me back', 'thanks'],
    { booking: 'none', replyNoneOf: UNRELATED_FACTS, escalation: 'any' },
  ),
  call(
    'unknown-doctor-name',
    'unknown_question',
    'Asks after a dentist by name.',
    ['is doctor patel still working there', 'ok'],
    { booking: 'none', replyNoneOf: UNRELATED_FACTS },
  ),
  call(
    'unknown-sedation',
    'unknown_question',
    'Nervous, asks about sedation, then asks for the team to call.',
    [
      "do you offer sedation i'm really nervous about the dentist",
      'could someone from the team call me back about it',
      'a message is fine they can call me on this number',
      'thank you',
    ],
    { booking: 'none', replyNoneOf: UNRELATED_FACTS, escalation: 'any' },
  ),
  call(
    'unknown-crown-price',
    'unknown_question',
    'Crown price.',
    ['how much for a crown', 'ok thanks'],
    { booking: 'none', replyNoneOf: UNRELATED_FACTS },
  ),
];
