// Held out: callers who need a person.
import { call, emergency } from '../../runner/scenario.types.ts';

export const scenarios = [
  call('escalation-ho-human', 'escalation', '"human please".', ['human please'], {
    escalation: 'transfer',
    booking: 'none',
  }),
  call(
    'escalation-ho-zero-after-question',
    'escalation',
    'Asks a price, then presses 0.',
    ['how much is a cleaning', { digits: '0' }],
    { escalation: 'transfer', booking: 'none' },
  ),
  call(
    'escalation-ho-message-manager',
    'escalation',
    'Leaves a message for the office manager.',
    [
      'can i leave a message for the office manager',
      "please tell her jenna called about moving our family's appointments and to call me back",
      'thank you',
    ],
    { escalation: 'message', booking: 'none' },
  ),
  call(
    'escalation-ho-knocked-out',
    'escalation',
    'A knocked-out tooth: transfer, or the emergency visit soonest.',
    ['i just knocked out my tooth playing basketball', 'yes', 'sean park', 'yes'],
    { anyOf: [{ escalation: 'transfer' }, { booking: emergency('asap') }] },
  ),
];
