// Callers who change their mind: the booking follows the last thing they agreed to.
import { booked, call, CLEANING, type Scenario } from '../../runner/scenario.types.ts';

const bye = "that's all thank you";

export const scenarios: Scenario[] = [
  call(
    'correction-make-it-eleven',
    'correction',
    'Asks for 10, then "actually make it 11".',
    ['can i get a cleaning {nextWed} at 10', 'actually make it 11', 'amy chen', 'yes', bye],
    { booking: booked(CLEANING, 'nextWed', '11:00') },
  ),
  call(
    'correction-other-day-same-time',
    'correction',
    'Switches to another day at the same time after giving the name.',
    [
      'cleaning {nextThu} at 2 pm',
      'brian hughes',
      'wait no sorry can we do {nextFri} instead same time',
      'yes',
      bye,
    ],
    { booking: booked(CLEANING, 'nextFri', '14:00') },
  ),
  call(
    'correction-service',
    'correction',
    'Says whitening, then corrects to a cleaning.',
    [
      'i need whitening {nextMon} at 10',
      'oh actually i meant a cleaning not whitening sorry',
      'carla diaz',
      'yes',
      bye,
    ],
    { booking: booked(CLEANING, 'nextMon', '10:00') },
  ),
  call(
    'correction-at-read-back',
    'correction',
    'Corrects the time when it is read back.',
    ['book a cleaning {nextTue} at 9', 'sara lane', "no that's wrong i want 10 not 9", 'yes', bye],
    { booking: booked(CLEANING, 'nextTue', '10:00') },
  ),
  call(
    'correction-too-late',
    'correction',
    '3 is too late after all; 1 instead.',
    [
      'cleaning {nextWed} at 3',
      'hmm actually 3 is too late can we do 1',
      'derek young',
      'yes',
      bye,
    ],
    { booking: booked(CLEANING, 'nextWed', '13:00') },
  ),
  call(
    'correction-name-spelling',
    'correction',
    'Corrects the spelling of their name; the booking stands.',
    ['cleaning {nextThu} at 11 my name is jon smith', 'sorry its john with an h', 'yes', bye],
    { booking: booked(CLEANING, 'nextThu', '11:00') },
  ),
  call(
    'correction-mid-sentence',
    'correction',
    'Changes the day in the middle of the sentence.',
    ['um {nextFri} no wait {nextMon} at 10 for a cleaning', 'eva stone', 'yes', bye],
    { booking: booked(CLEANING, 'nextMon', '10:00') },
  ),
  call(
    'correction-make-that-nine',
    'correction',
    'A morning, 10, then "no sorry make that 9".',
    ['cleaning {nextTue} morning', '10', 'no sorry make that 9', 'fred lang', 'yes', bye],
    { booking: booked(CLEANING, 'nextTue', '09:00') },
  ),
];
