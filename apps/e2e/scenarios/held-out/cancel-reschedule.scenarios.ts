// Held out: cancelling and moving an existing booking.
import { call, CLEANING, type Fixture, type Scenario } from '../../runner/scenario.types.ts';

const mine = (day: Fixture['day'], at: string): Fixture => ({ service: CLEANING, day, at });
const theirs = (day: Fixture['day'], at: string): Fixture => ({
  service: CLEANING,
  day,
  at,
  owner: 'other',
});

export const scenarios: Scenario[] = [
  call(
    'cancel-ho-by-day',
    'cancel_reschedule',
    'Cancels by day; another patient is booked that morning.',
    ['hi calling to cancel my appointment {nextMon}', 'yep cancel', 'bye'],
    { booking: 'none', fixtures: { 0: 'cancelled' } },
    { fixtures: [mine('nextMon', '15:00'), theirs('nextMon', '10:00')] },
  ),
  call(
    'reschedule-ho-day-and-time',
    'cancel_reschedule',
    'Caller ID fully attested; moves to another day and time in one sentence.',
    ['could we move my {nextThu} appointment to {nextFri} at 10', 'yes', 'thanks'],
    { fixtures: { 0: { movedTo: { day: 'nextFri', from: '10:00', to: '10:00' } } } },
    { attested: true, fixtures: [mine('nextThu', '13:00')] },
  ),
  call(
    'cancel-ho-sick',
    'cancel_reschedule',
    'Sick, cancels the cleaning.',
    ["i'm sick and need to cancel my cleaning", 'yes', 'thank you'],
    { booking: 'none', fixtures: { 0: 'cancelled' } },
    { fixtures: [mine('nextWeekday', '14:00')] },
  ),
  call(
    'reschedule-ho-earlier',
    'cancel_reschedule',
    'Comes in earlier on the same day: 10.',
    ['can i come in earlier on {nextWed} like 10', 'yes', 'perfect'],
    { fixtures: { 0: { movedTo: { day: 'nextWed', from: '10:00', to: '10:00' } } } },
    { fixtures: [mine('nextWed', '15:00'), theirs('nextWed', '12:00')] },
  ),
  call(
    'reschedule-ho-not-theirs',
    'cancel_reschedule',
    "Asks to move a 10 o'clock that is another patient's, not theirs: nothing moves.",
    ["i need to move my {nextTue} 10 o'clock appointment to {nextThu}", 'oh ok thanks'],
    { booking: 'none' },
    { fixtures: [theirs('nextTue', '10:00')] },
  ),
];
