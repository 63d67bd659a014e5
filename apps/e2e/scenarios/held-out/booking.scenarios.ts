// Held out: new appointments by phone, run by the lead only at the end.
import {
  booked,
  bookingCallsIn,
  CLEANING,
  cleaning,
  EMERGENCY,
  picked,
  whitening,
} from '../../runner/scenario.types.ts';

const book = bookingCallsIn('booking', "nope that's everything");

export const scenarios = [
  book(
    'booking-ho-under-the-name',
    'Everything in one go, "under the name".',
    ['hey there could i get a cleaning {nextWeekday} at 10 under the name grace kim', 'yep'],
    cleaning('nextWeekday', '10:00'),
  ),
  book(
    'booking-ho-whitening-steps',
    'Whitening, one answer at a time.',
    ["i'm calling to book something", 'whitening', '{nextThu}', 'at 11', 'harry fox', 'ok'],
    whitening('nextThu', '11:00'),
  ),
  book(
    'booking-ho-three-thirty',
    'Asks for 3:30.',
    ['{nextMon} at 3:30 for a cleaning please', 'nina patel', 'yes'],
    cleaning('nextMon', '15:30'),
  ),
  book(
    'booking-ho-next-week-afternoon',
    'No deposit; next week, an afternoon, the first time offered.',
    [
      'can you fit me in for a check up next week',
      'an afternoon would be best',
      'the first one',
      'ivy reed',
      'yes',
    ],
    cleaning('nextWeek', '12:00', '16:00'),
    { tenant: 'no_deposit' },
  ),
  book(
    'booking-ho-date-morning',
    'A date next week in the morning; 9 works.',
    ['i need a cleaning {dayOfMonthNextWeek} in the morning', '9 works', 'jack ross', 'sure'],
    cleaning('dayOfMonthNextWeek', '09:00'),
  ),
  book(
    'booking-ho-how-soon',
    '"How soon can I get in", takes the first offered.',
    ['how soon can i get in for a cleaning', 'ok the first one', 'mia ward', 'yes'],
    cleaning('asap', undefined, undefined, picked(1, 'first')),
  ),
  book(
    'booking-ho-around-one',
    "Around 1 o'clock.",
    ['teeth cleaning {nextFri} around 1', 'yeah that works', 'owen price', 'yes'],
    cleaning('nextFri', '12:30', '13:30'),
  ),
  book(
    'booking-ho-saturday-nine',
    'Whitening on Saturday at 9 (open 9 to 1).',
    ['can i get a whitening on {nextSat} at 9', 'tara singh', 'yes'],
    whitening('nextSat', '09:00'),
  ),
  book(
    'booking-ho-four-pm-sentence',
    'Name, service and time in one sentence.',
    [
      "hi yeah i'd like to schedule a cleaning appointment my name is olivia scott and {nextTue} at 4 works for me",
      'yes',
    ],
    cleaning('nextTue', '16:00'),
  ),
  book(
    'booking-ho-no-deposit-nine',
    'No deposit: a cleaning at 9, name given up front.',
    ["cleaning {nextWed} at 9 am please name's leo hall", 'yes'],
    cleaning('nextWed', '09:00'),
    { tenant: 'no_deposit' },
  ),
  book(
    'booking-ho-vague',
    'Vague caller: "i guess", "whenever next week", mornings.',
    [
      'um i guess i need a check up',
      'uh whenever next week',
      'mornings are better',
      'first one',
      'ruth baker',
      'yes',
    ],
    cleaning('nextWeek', '09:00', '11:30'),
  ),
  book(
    'booking-ho-lost-filling',
    'A filling fell out: a visit on a weekday at 10.',
    ['my filling fell out can i come in', '{nextWeekday} at 10', 'victor ng', 'yes'],
    booked([EMERGENCY, CLEANING], 'nextWeekday', '10:00'),
  ),
];
