// Objections to price and deposit: no discount is promised, and a booking still asks the deposit.
import { call, cleaning } from '../../runner/scenario.types.ts';

const NO_DISCOUNT = ['% off', 'percent off', 'half price', 'half off', 'discount of'];
const withDeposit = { depositHeld: true };

export const scenarios = [
  call(
    'objection-discount',
    'objection',
    '$120 is a lot; asks for a discount, then declines.',
    ['$120 is a lot can i get a discount', 'hmm ok no thanks'],
    { booking: 'none', replyNoneOf: NO_DISCOUNT },
  ),
  call(
    'objection-deposit-ridiculous',
    'objection',
    'Complains about the deposit, then books anyway: the deposit is still asked.',
    [
      'why do i have to pay a deposit thats ridiculous',
      'fine book me a cleaning {nextWed} at 10',
      'karen wells',
      'yes',
      'bye',
    ],
    { booking: cleaning('nextWed', '10:00', '10:00', withDeposit) },
  ),
  call(
    'objection-waive-deposit',
    'objection',
    'Asks to waive the deposit, then books: the deposit is still asked.',
    [
      'can you waive the deposit for me',
      'ok whatever book {nextThu} at 11 for a cleaning',
      'larry dunn',
      'yes',
      'bye',
    ],
    { booking: cleaning('nextThu', '11:00', '11:00', withDeposit) },
  ),
  call(
    'objection-price-match',
    'objection',
    'Asks to match a cheaper dentist.',
    ['the other dentist down the street is cheaper can you match their price', 'ok bye'],
    { booking: 'none', replyNoneOf: NO_DISCOUNT },
  ),
  call(
    'objection-pay-at-office',
    'objection',
    'Does not want to pay online; books anyway: the deposit is still asked.',
    [
      "i don't want to pay online can i just pay the deposit at the office",
      'ok then book me {nextFri} at 9 for a cleaning',
      'mona reyes',
      'yes',
      'bye',
    ],
    { booking: cleaning('nextFri', '09:00', '09:00', withDeposit) },
  ),
  call(
    'objection-two-for-one',
    'objection',
    'Asks for a free cleaning for booking two.',
    ['if i book two cleanings do i get one free', 'ok no then'],
    { booking: 'none', replyNoneOf: NO_DISCOUNT },
  ),
];
