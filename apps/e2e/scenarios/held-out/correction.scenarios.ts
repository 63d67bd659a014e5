// Held out: callers who change their mind.
import { booked, call, CLEANING, WHITENING, type Scenario } from '../../runner/scenario.types.ts';

const bye = 'no thats it';

export const scenarios: Scenario[] = [
  call(
    'correction-ho-earlier',
    'correction',
    'Asks for 4, then earlier: 2.',
    ['cleaning {nextWed} at 4', 'actually earlier 2 would be better', 'gina ross', 'yes', bye],
    { booking: booked(CLEANING, 'nextWed', '14:00') },
  ),
  call(
    'correction-ho-cannot-that-day',
    'correction',
    'Whitening; cannot do that day after all, same time the next.',
    [
      'whitening {nextThu} at 1',
      "oh no i can't do {nextThu} can we do the same time {nextFri}",
      'hugo bell',
      'yes',
      bye,
    ],
    { booking: booked(WHITENING, 'nextFri', '13:00') },
  ),
  call(
    'correction-ho-day-at-read-back',
    'correction',
    'Corrects the day at the read-back.',
    ['cleaning {nextMon} at 11 name kate hill', 'no not {nextMon}, {nextTue}', 'yes', bye],
    { booking: booked(CLEANING, 'nextTue', '11:00') },
  ),
  call(
    'correction-ho-instead',
    'correction',
    '9, then "actually make it 10 instead" after giving the name.',
    ['cleaning {nextFri} at 9', 'ian wolfe', 'actually make it 10 instead', 'yes', bye],
    { booking: booked(CLEANING, 'nextFri', '10:00') },
  ),
];
