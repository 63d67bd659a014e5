// Callers who pick among the times offered: "the second one", "the later one", "10 works".
import { bookingCallsIn, cleaning, picked, whitening } from '../../runner/scenario.types.ts';

const book = bookingCallsIn('choice', 'thats all');

export const scenarios = [
  book(
    'choice-second-one',
    'A morning; takes the second time offered.',
    ['cleaning {nextWed} morning what do you have', 'the second one', 'liam ford', 'yes'],
    cleaning('nextWed', '09:00', '12:00', picked(1, 'second')),
  ),
  book(
    'choice-later-one',
    'An afternoon whitening; takes the later one.',
    ['{nextThu} afternoon for whitening', 'the later one', 'maya cruz', 'yes'],
    whitening('nextThu', '12:00', '16:00', picked(1, 'latest')),
  ),
  book(
    'choice-earlier-one',
    'Asks what is open on a day; takes the earlier one.',
    ['cleaning {nextTue} what times are open', 'the earlier one', 'noah kim', 'yes'],
    cleaning('nextTue', undefined, undefined, picked(1, 'earliest')),
  ),
  book(
    'choice-whichever-first',
    'As soon as possible, "whichever is first".',
    ['i need a cleaning as soon as possible', 'whichever is first', 'olga petrov', 'yes'],
    cleaning('asap', undefined, undefined, picked(1, 'first')),
  ),
  book(
    'choice-ten-works',
    'Any time on a day; "10 works".',
    ['{nextFri} for a cleaning any time really', '10 works', 'pete shaw', 'yes'],
    cleaning('nextFri', '10:00'),
  ),
  book(
    'choice-first-one-after-service',
    'Day first, service when asked, then the first one.',
    ['do you have anything {nextMon}', 'a cleaning', 'the first one', 'quinn adams', 'yes'],
    cleaning('nextMon', undefined, undefined, picked(2, 'first')),
  ),
  book(
    'choice-last-one',
    'An afternoon; "uh the last one".',
    ['cleaning {nextWed} afternoon', 'uh the last one', 'rosa lima', 'yes'],
    cleaning('nextWed', '12:00', '16:00', picked(1, 'last')),
  ),
  book(
    'choice-none-of-those',
    'None of the offered times suit; anything after 3, and 3 is fine.',
    [
      "check up {nextThu} what's available",
      'hmm none of those work anything after 3',
      '3 is fine',
      'steve holt',
      'yes',
    ],
    cleaning('nextThu', '15:00', '16:00'),
  ),
];
