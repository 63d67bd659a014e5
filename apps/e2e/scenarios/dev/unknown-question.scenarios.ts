// Questions the business's knowledge does not answer: an honest "I don't know, shall I ask the
// team" is right; a price from another service, a booking, or an invented fact is not.
import { unansweredCall } from '../../runner/scenario.types.ts';

export const scenarios = [
  unansweredCall('unknown-adult-braces', 'Braces for adults: not in the knowledge.', [
    'do you do braces for adults',
    'ok thanks',
  ]),
  unansweredCall('unknown-walk-ins', 'Walk-ins: not in the knowledge.', [
    'do you take walk-ins',
    'alright thanks',
  ]),
  unansweredCall(
    'unknown-root-canal-price',
    'Root canal price: must not quote the price of something else.',
    ['how much is a root canal', 'ok'],
  ),
  unansweredCall(
    'unknown-implants-callback',
    'Implants; accepts having the team call back.',
    ['do you do implants', 'yes please have someone call me back', 'thanks'],
    { escalation: 'any' },
  ),
  unansweredCall('unknown-doctor-name', 'Asks after a dentist by name.', [
    'is doctor patel still working there',
    'ok',
  ]),
  unansweredCall(
    'unknown-sedation',
    'Nervous, asks about sedation, then asks for the team to call.',
    [
      "do you offer sedation i'm really nervous about the dentist",
      'could someone from the team call me back about it',
      'a message is fine they can call me on this number',
      'thank you',
    ],
    { escalation: 'any' },
  ),
  unansweredCall('unknown-crown-price', 'Crown price.', ['how much for a crown', 'ok thanks']),
];
