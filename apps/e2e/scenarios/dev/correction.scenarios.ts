// Callers who change their mind: the booking follows the last thing they agreed to.
import { bookingCallsIn, cleaning } from '../../runner/scenario.types.ts';

const book = bookingCallsIn('correction', "that's all thank you");

export const scenarios = [
  book(
    'correction-make-it-eleven',
    'Asks for 10, then "actually make it 11".',
    ['can i get a cleaning {nextWed} at 10', 'actually make it 11', 'amy chen', 'yes'],
    cleaning('nextWed', '11:00'),
  ),
  book(
    'correction-other-day-same-time',
    'Switches to another day at the same time after giving the name.',
    [
      'cleaning {nextThu} at 2 pm',
      'brian hughes',
      'wait no sorry can we do {nextFri} instead same time',
      'yes',
    ],
    cleaning('nextFri', '14:00'),
  ),
  book(
    'correction-service',
    'Says whitening, then corrects to a cleaning.',
    [
      'i need whitening {nextMon} at 10',
      'oh actually i meant a cleaning not whitening sorry',
      'carla diaz',
      'yes',
    ],
    cleaning('nextMon', '10:00'),
  ),
  book(
    'correction-at-read-back',
    'Corrects the time when it is read back.',
    ['book a cleaning {nextTue} at 9', 'sara lane', "no that's wrong i want 10 not 9", 'yes'],
    cleaning('nextTue', '10:00'),
  ),
  book(
    'correction-too-late',
    '3 is too late after all; 1 instead.',
    ['cleaning {nextWed} at 3', 'hmm actually 3 is too late can we do 1', 'derek young', 'yes'],
    cleaning('nextWed', '13:00'),
  ),
  book(
    'correction-name-spelling',
    'Corrects the spelling of their name; the booking stands.',
    ['cleaning {nextThu} at 11 my name is jon smith', 'sorry its john with an h', 'yes'],
    cleaning('nextThu', '11:00'),
  ),
  book(
    'correction-mid-sentence',
    'Changes the day in the middle of the sentence.',
    ['um {nextFri} no wait {nextMon} at 10 for a cleaning', 'eva stone', 'yes'],
    cleaning('nextMon', '10:00'),
  ),
  book(
    'correction-make-that-nine',
    'A morning, 10, then "no sorry make that 9".',
    ['cleaning {nextTue} morning', '10', 'no sorry make that 9', 'fred lang', 'yes'],
    cleaning('nextTue', '09:00'),
  ),
];
