// Held out: callers who pick among the times offered.
import { bookingCallsIn, cleaning, picked, whitening } from '../../runner/scenario.types.ts';

const book = bookingCallsIn('choice', 'no thanks');

export const scenarios = [
  book(
    'choice-ho-first-morning',
    'A morning; the first one.',
    ['cleaning {nextTue} morning please', 'the first one', 'tina moss', 'yes'],
    cleaning('nextTue', '09:00', '12:00', picked(1, 'first')),
  ),
  book(
    'choice-ho-later-please',
    'Whitening on a day; "the later one please".',
    ['whitening {nextFri}', 'the later one please', 'uma reid', 'yes'],
    whitening('nextFri', undefined, undefined, picked(1, 'latest')),
  ),
  book(
    'choice-ho-next-week-second',
    'Next week; the second time offered.',
    ['cleaning next week what do you have', 'the second one', 'vera lane', 'yes'],
    cleaning('nextWeek', undefined, undefined, picked(1, 'second')),
  ),
  book(
    'choice-ho-two-works',
    'An afternoon; "2 works".',
    ['cleaning {nextMon} afternoon', '2 works', 'will cho', 'yes'],
    cleaning('nextMon', '14:00'),
  ),
];
