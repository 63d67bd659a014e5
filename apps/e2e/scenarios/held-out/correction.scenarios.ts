// Held out: callers who change their mind.
import { bookingCallsIn, cleaning, whitening } from '../../runner/scenario.types.ts';

const book = bookingCallsIn('correction', 'no thats it');

export const scenarios = [
  book(
    'correction-ho-earlier',
    'Asks for 4, then earlier: 2.',
    ['cleaning {nextWed} at 4', 'actually earlier 2 would be better', 'gina ross', 'yes'],
    cleaning('nextWed', '14:00'),
  ),
  book(
    'correction-ho-cannot-that-day',
    'Whitening; cannot do that day after all, same time the next.',
    [
      'whitening {nextThu} at 1',
      "oh no i can't do {nextThu} can we do the same time {nextFri}",
      'hugo bell',
      'yes',
    ],
    whitening('nextFri', '13:00'),
  ),
  book(
    'correction-ho-day-at-read-back',
    'Corrects the day at the read-back.',
    ['cleaning {nextMon} at 11 name kate hill', 'no not {nextMon}, {nextTue}', 'yes'],
    cleaning('nextTue', '11:00'),
  ),
  book(
    'correction-ho-instead',
    '9, then "actually make it 10 instead" after giving the name.',
    ['cleaning {nextFri} at 9', 'ian wolfe', 'actually make it 10 instead', 'yes'],
    cleaning('nextFri', '10:00'),
  ),
];
