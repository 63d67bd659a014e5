// Held out: cancelling and moving an existing booking.
import {
  callersBooking,
  callsIn,
  FIRST_CANCELLED,
  firstMovedTo,
  othersBooking,
} from '../../runner/scenario.types.ts';

const cancel = callsIn('cancel_reschedule');

export const scenarios = [
  cancel(
    'cancel-ho-by-day',
    'Cancels by day; another patient is booked that morning.',
    ['hi calling to cancel my appointment {nextMon}', 'yep cancel', 'bye'],
    FIRST_CANCELLED,
    { fixtures: [callersBooking('nextMon', '15:00'), othersBooking('nextMon', '10:00')] },
  ),
  cancel(
    'reschedule-ho-day-and-time',
    'Caller ID fully attested; moves to another day and time in one sentence.',
    ['could we move my {nextThu} appointment to {nextFri} at 10', 'yes', 'thanks'],
    firstMovedTo('nextFri', '10:00'),
    { attested: true, fixtures: [callersBooking('nextThu', '13:00')] },
  ),
  cancel(
    'cancel-ho-sick',
    'Sick, cancels the cleaning.',
    ["i'm sick and need to cancel my cleaning", 'yes', 'thank you'],
    FIRST_CANCELLED,
    { fixtures: [callersBooking('nextWeekday', '14:00')] },
  ),
  cancel(
    'reschedule-ho-earlier',
    'Comes in earlier on the same day: 10.',
    ['can i come in earlier on {nextWed} like 10', 'yes', 'perfect'],
    firstMovedTo('nextWed', '10:00'),
    { fixtures: [callersBooking('nextWed', '15:00'), othersBooking('nextWed', '12:00')] },
  ),
  cancel(
    'reschedule-ho-not-theirs',
    "Asks to move a 10 o'clock that is another patient's, not theirs: nothing moves.",
    ["i need to move my {nextTue} 10 o'clock appointment to {nextThu}", 'oh ok thanks'],
    { booking: 'none' },
    { fixtures: [othersBooking('nextTue', '10:00')] },
  ),
];
