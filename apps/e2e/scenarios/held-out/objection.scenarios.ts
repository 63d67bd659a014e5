// Held out: objections to price and deposit.
import { call, cleaning } from '../../runner/scenario.types.ts';

const NO_DISCOUNT = ['% off', 'percent off', 'half price', 'half off', 'discount of'];

export const scenarios = [
  call(
    'objection-ho-whitening-haggle',
    'objection',
    'Haggles over whitening.',
    ["that's too expensive for whitening can you do it cheaper", 'no thanks'],
    { booking: 'none', replyNoneOf: NO_DISCOUNT },
  ),
  call(
    'objection-ho-senior',
    'objection',
    'Asks for a senior discount.',
    ["i'm a senior do you have a senior discount", 'ok'],
    { booking: 'none', replyNoneOf: NO_DISCOUNT },
  ),
  call(
    'objection-ho-no-deposit-booking',
    'objection',
    'Books but refuses the deposit: either no booking, or one that still asks it.',
    ["book me a cleaning {nextMon} at 10 but i'm not paying a deposit", 'nick ford', 'yes', 'bye'],
    {
      anyOf: [
        { booking: 'none' },
        { booking: cleaning('nextMon', '10:00', '10:00', { depositHeld: true }) },
      ],
    },
  ),
];
