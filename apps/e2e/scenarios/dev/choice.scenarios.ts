// Callers who pick among the times offered: "the second one", "the later one", "10 works".
import {
  booked,
  call,
  CLEANING,
  picked,
  WHITENING,
  type Scenario,
} from '../../runner/scenario.types.ts';

const bye = 'thats all';

export const scenarios: Scenario[] = [
  call(
    'choice-second-one',
    'choice',
    'A morning; takes the second time offered.',
    ['cleaning {nextWed} morning what do you have', 'the second one', 'liam ford', 'yes', bye],
    { booking: booked(CLEANING, 'nextWed', '09:00', '12:00', picked(1, 'second')) },
  ),
  call(
    'choice-later-one',
    'choice',
    'An afternoon whitening; takes the later one.',
    ['{nextThu} afternoon for whitening', 'the later one', 'maya cruz', 'yes', bye],
    { booking: booked(WHITENING, 'nextThu', '12:00', '16:00', picked(1, 'latest')) },
  ),
  call(
    'choice-earlier-one',
    'choice',
    'Asks what is open on a day; takes the earlier one.',
    ['cleaning {nextTue} what times are open', 'the earlier one', 'noah kim', 'yes', bye],
    { booking: booked(CLEANING, 'nextTue', undefined, undefined, picked(1, 'earliest')) },
  ),
  call(
    'choice-whichever-first',
    'choice',
    'As soon as possible, "whichever is first".',
    ['i need a cleaning as soon as possible', 'whichever is first', 'olga petrov', 'yes', bye],
    { booking: booked(CLEANING, 'asap', undefined, undefined, picked(1, 'first')) },
  ),
  call(
    'choice-ten-works',
    'choice',
    'Any time on a day; "10 works".',
    ['{nextFri} for a cleaning any time really', '10 works', 'pete shaw', 'yes', bye],
    { booking: booked(CLEANING, 'nextFri', '10:00') },
  ),
  call(
    'choice-first-one-after-service',
    'choice',
    'Day first, service when asked, then the first one.',
    ['do you have anything {nextMon}', 'a cleaning', 'the first one', 'quinn adams', 'yes', bye],
    { booking: booked(CLEANING, 'nextMon', undefined, undefined, picked(2, 'first')) },
  ),
  call(
    'choice-last-one',
    'choice',
    'An afternoon; "uh the last one".',
    ['cleaning {nextWed} afternoon', 'uh the last one', 'rosa lima', 'yes', bye],
    { booking: booked(CLEANING, 'nextWed', '12:00', '16:00', picked(1, 'last')) },
  ),
  call(
    'choice-none-of-those',
    'choice',
    'None of the offered times suit; anything after 3, and 3 is fine.',
    [
      "check up {nextThu} what's available",
      'hmm none of those work anything after 3',
      '3 is fine',
      'steve holt',
      'yes',
      bye,
    ],
    { booking: booked(CLEANING, 'nextThu', '15:00', '16:00') },
  ),
];
