// Held out: callers who pick among the times offered.
import {
  booked,
  call,
  CLEANING,
  picked,
  WHITENING,
  type Scenario,
} from '../../runner/scenario.types.ts';

const bye = 'no thanks';

export const scenarios: Scenario[] = [
  call(
    'choice-ho-first-morning',
    'choice',
    'A morning; the first one.',
    ['cleaning {nextTue} morning please', 'the first one', 'tina moss', 'yes', bye],
    { booking: booked(CLEANING, 'nextTue', '09:00', '12:00', picked(1, 'first')) },
  ),
  call(
    'choice-ho-later-please',
    'choice',
    'Whitening on a day; "the later one please".',
    ['whitening {nextFri}', 'the later one please', 'uma reid', 'yes', bye],
    { booking: booked(WHITENING, 'nextFri', undefined, undefined, picked(1, 'latest')) },
  ),
  call(
    'choice-ho-next-week-second',
    'choice',
    'Next week; the second time offered.',
    ['cleaning next week what do you have', 'the second one', 'vera lane', 'yes', bye],
    { booking: booked(CLEANING, 'nextWeek', undefined, undefined, picked(1, 'second')) },
  ),
  call(
    'choice-ho-two-works',
    'choice',
    'An afternoon; "2 works".',
    ['cleaning {nextMon} afternoon', '2 works', 'will cho', 'yes', bye],
    { booking: booked(CLEANING, 'nextMon', '14:00') },
  ),
];
