// Callers with a booking already made (through the Booking workflow before the call) who cancel
// or move it. Another patient's booking sits in the same calendar and must not be touched.
import {
  callersBooking,
  callsIn,
  FIRST_CANCELLED,
  firstMovedTo,
  othersBooking,
  WHITENING,
} from '../../runner/scenario.types.ts';

const cancel = callsIn('cancel_reschedule');

export const scenarios = [
  cancel(
    'cancel-by-day',
    'Cancels the appointment on a named day; another patient is booked the same day.',
    ['hi i need to cancel my appointment on {nextThu}', 'yes cancel it', 'no thats all'],
    FIRST_CANCELLED,
    { fixtures: [callersBooking('nextThu', '10:00'), othersBooking('nextThu', '11:00')] },
  ),
  cancel(
    'cancel-messy',
    '"um yeah i gotta cancel my cleaning".',
    ['um yeah i gotta cancel my cleaning', 'yes please', 'thanks'],
    FIRST_CANCELLED,
    { fixtures: [callersBooking('nextWed', '15:00'), othersBooking('nextWed', '09:00')] },
  ),
  cancel(
    'reschedule-other-day-same-time',
    'Moves the appointment to another day at the same time.',
    ['i need to move my appointment to {nextFri}', 'same time if you can', 'yes', 'thank you'],
    firstMovedTo('nextFri', '10:00'),
    { fixtures: [callersBooking('nextWed', '10:00'), othersBooking('nextFri', '14:00')] },
  ),
  cancel(
    'reschedule-later-same-day',
    'Caller ID fully attested; moves to a later time the same day: 4 pm.',
    ['can i change my appointment on {nextTue} to a later time', '4 pm', 'yes', 'thanks'],
    firstMovedTo('nextTue', '16:00'),
    {
      attested: true,
      fixtures: [callersBooking('nextTue', '14:00'), othersBooking('nextTue', '15:00')],
    },
  ),
  cancel(
    'reschedule-pick-first',
    'Reschedules to a morning on another day, first time offered.',
    ['i need to reschedule my cleaning', '{nextMon} morning', 'the first one', 'yes', 'thats it'],
    firstMovedTo('nextMon', '09:00', '12:00'),
    { fixtures: [callersBooking('nextThu', '09:00')] },
  ),
  cancel(
    'cancel-one-of-two',
    'Caller ID fully attested; has a cleaning and a whitening, cancels only the whitening.',
    ['i want to cancel the whitening but keep my cleaning', 'yes', 'thats all'],
    { fixtures: { 0: 'unchanged', 1: 'cancelled' } },
    {
      attested: true,
      fixtures: [callersBooking('nextWed', '10:00'), callersBooking('nextFri', '13:00', WHITENING)],
    },
  ),
  cancel(
    'reschedule-cancel-and-rebook',
    'Says "cancel my appointment and book me another day at 2 instead".',
    [
      'cancel my {nextTue} appointment and book me {nextThu} at 2 instead',
      'yes',
      'no thats everything',
    ],
    firstMovedTo('nextThu', '14:00'),
    { fixtures: [callersBooking('nextTue', '10:00'), othersBooking('nextThu', '10:00')] },
  ),
  cancel(
    'reschedule-to-date',
    "Can't make it; moves to a date next week at the same hour.",
    [
      "i can't make it to my appointment on {nextWeekday} can you move me to {dayOfMonthNextWeek} at 11",
      'yes',
      'thanks',
    ],
    firstMovedTo('dayOfMonthNextWeek', '11:00'),
    { fixtures: [callersBooking('nextWeekday', '11:00')] },
  ),
  cancel(
    'cancel-nothing-booked',
    'Wants to cancel but has no booking; the other patient on that day keeps theirs.',
    ['i want to cancel my appointment', 'uh it was {nextWed}', 'ok'],
    { booking: 'none' },
    { fixtures: [othersBooking('nextWed', '10:00')] },
  ),
  cancel(
    'reschedule-hour-later',
    'Pushes the appointment back an hour.',
    ['can you push my {nextFri} appointment back an hour', 'yes', 'great thanks'],
    firstMovedTo('nextFri', '11:00'),
    { fixtures: [callersBooking('nextFri', '10:00')] },
  ),
  cancel(
    'reschedule-earlier-same-day',
    'Asks to come in earlier the same day, takes the first time offered.',
    [
      'hi could i come in earlier that day instead, my appointment on {nextThu}',
      'the first one',
      'yes',
      'no thats all',
    ],
    firstMovedTo('nextThu', '09:00', '14:45'),
    {
      attested: true,
      fixtures: [callersBooking('nextThu', '15:00'), othersBooking('nextThu', '10:00')],
    },
  ),
  cancel(
    'reschedule-half-hour-earlier',
    '"can we make it thirty minutes earlier": the same day, half an hour before.',
    ['i have a cleaning on {nextTue}, can we make it thirty minutes earlier', 'yes', 'thanks'],
    firstMovedTo('nextTue', '13:30'),
    { attested: true, fixtures: [callersBooking('nextTue', '14:00')] },
  ),
];
