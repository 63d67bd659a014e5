// Callers with a booking already made (through the Booking workflow before the call) who cancel
// or move it. Another patient's booking sits in the same calendar and must not be touched.
import {
  call,
  CLEANING,
  WHITENING,
  type Fixture,
  type Scenario,
} from '../../runner/scenario.types.ts';

const mine = (day: Fixture['day'], at: string, service = CLEANING): Fixture => ({
  service,
  day,
  at,
});
const theirs = (day: Fixture['day'], at: string): Fixture => ({
  service: CLEANING,
  day,
  at,
  owner: 'other',
});

export const scenarios: Scenario[] = [
  call(
    'cancel-by-day',
    'cancel_reschedule',
    'Cancels the appointment on a named day; another patient is booked the same day.',
    ['hi i need to cancel my appointment on {nextThu}', 'yes cancel it', 'no thats all'],
    { booking: 'none', fixtures: { 0: 'cancelled' } },
    { fixtures: [mine('nextThu', '10:00'), theirs('nextThu', '11:00')] },
  ),
  call(
    'cancel-messy',
    'cancel_reschedule',
    '"um yeah i gotta cancel my cleaning".',
    ['um yeah i gotta cancel my cleaning', 'yes please', 'thanks'],
    { booking: 'none', fixtures: { 0: 'cancelled' } },
    { fixtures: [mine('nextWed', '15:00'), theirs('nextWed', '09:00')] },
  ),
  call(
    'reschedule-other-day-same-time',
    'cancel_reschedule',
    'Moves the appointment to another day at the same time.',
    ['i need to move my appointment to {nextFri}', 'same time if you can', 'yes', 'thank you'],
    { fixtures: { 0: { movedTo: { day: 'nextFri', from: '10:00', to: '10:00' } } } },
    { fixtures: [mine('nextWed', '10:00'), theirs('nextFri', '14:00')] },
  ),
  call(
    'reschedule-later-same-day',
    'cancel_reschedule',
    'Caller ID fully attested; moves to a later time the same day: 4 pm.',
    ['can i change my appointment on {nextTue} to a later time', '4 pm', 'yes', 'thanks'],
    { fixtures: { 0: { movedTo: { day: 'nextTue', from: '16:00', to: '16:00' } } } },
    { attested: true, fixtures: [mine('nextTue', '14:00'), theirs('nextTue', '15:00')] },
  ),
  call(
    'reschedule-pick-first',
    'cancel_reschedule',
    'Reschedules to a morning on another day, first time offered.',
    ['i need to reschedule my cleaning', '{nextMon} morning', 'the first one', 'yes', 'thats it'],
    { fixtures: { 0: { movedTo: { day: 'nextMon', from: '09:00', to: '12:00' } } } },
    { fixtures: [mine('nextThu', '09:00')] },
  ),
  call(
    'cancel-one-of-two',
    'cancel_reschedule',
    'Caller ID fully attested; has a cleaning and a whitening, cancels only the whitening.',
    ['i want to cancel the whitening but keep my cleaning', 'yes', 'thats all'],
    { fixtures: { 0: 'unchanged', 1: 'cancelled' } },
    { attested: true, fixtures: [mine('nextWed', '10:00'), mine('nextFri', '13:00', WHITENING)] },
  ),
  call(
    'reschedule-cancel-and-rebook',
    'cancel_reschedule',
    'Says "cancel my appointment and book me another day at 2 instead".',
    [
      'cancel my {nextTue} appointment and book me {nextThu} at 2 instead',
      'yes',
      'no thats everything',
    ],
    { fixtures: { 0: { movedTo: { day: 'nextThu', from: '14:00', to: '14:00' } } } },
    { fixtures: [mine('nextTue', '10:00'), theirs('nextThu', '10:00')] },
  ),
  call(
    'reschedule-to-date',
    'cancel_reschedule',
    "Can't make it; moves to a date next week at the same hour.",
    [
      "i can't make it to my appointment on {nextWeekday} can you move me to {dayOfMonthNextWeek} at 11",
      'yes',
      'thanks',
    ],
    { fixtures: { 0: { movedTo: { day: 'dayOfMonthNextWeek', from: '11:00', to: '11:00' } } } },
    { fixtures: [mine('nextWeekday', '11:00')] },
  ),
  call(
    'cancel-nothing-booked',
    'cancel_reschedule',
    'Wants to cancel but has no booking; the other patient on that day keeps theirs.',
    ['i want to cancel my appointment', 'uh it was {nextWed}', 'ok'],
    { booking: 'none' },
    { fixtures: [theirs('nextWed', '10:00')] },
  ),
  call(
    'reschedule-hour-later',
    'cancel_reschedule',
    'Pushes the appointment back an hour.',
    ['can you push my {nextFri} appointment back an hour', 'yes', 'great thanks'],
    { fixtures: { 0: { movedTo: { day: 'nextFri', from: '11:00', to: '11:00' } } } },
    { fixtures: [mine('nextFri', '10:00')] },
  ),
  call(
    'reschedule-earlier-same-day',
    'cancel_reschedule',
    'Asks to come in earlier the same day, takes the first time offered.',
    [
      'hi could i come in earlier that day instead, my appointment on {nextThu}',
      'the first one',
      'yes',
      'no thats all',
    ],
    { fixtures: { 0: { movedTo: { day: 'nextThu', from: '09:00', to: '14:45' } } } },
    { attested: true, fixtures: [mine('nextThu', '15:00'), theirs('nextThu', '10:00')] },
  ),
  call(
    'reschedule-half-hour-earlier',
    'cancel_reschedule',
    '"can we make it thirty minutes earlier": the same day, half an hour before.',
    ['i have a cleaning on {nextTue}, can we make it thirty minutes earlier', 'yes', 'thanks'],
    { fixtures: { 0: { movedTo: { day: 'nextTue', from: '13:30', to: '13:30' } } } },
    { attested: true, fixtures: [mine('nextTue', '14:00')] },
  ),
];
