// Text threads: booking with "Yes" to the read-back, questions, cancelling and moving, and the
// carrier keywords (STOP, START, HELP).
import { CLEANING, cleaning, SEED_PRICES, texts } from '../../runner/scenario.types.ts';

const mine = (day: 'nextThu' | 'nextWed', at: string) => ({ service: CLEANING, day, at });

export const scenarios = [
  texts(
    'sms-booking-yes',
    'sms',
    'Books by text and answers the read-back with "Yes".',
    ['hi can i book a cleaning {nextWed} at 10', 'jane doe', 'Yes'],
    { booking: cleaning('nextWed', '10:00') },
  ),
  texts('sms-faq-whitening', 'sms', 'The price of whitening by text.', ['how much is whitening'], {
    booking: 'none',
    replyAnyOf: ['$350'],
  }),
  texts('sms-stop-start', 'sms', 'STOP, then START: subscribed again.', ['STOP', 'START'], {
    optedOut: false,
    booking: 'none',
  }),
  texts('sms-stop', 'sms', 'STOP: opted out.', ['STOP'], { optedOut: true, booking: 'none' }),
  texts('sms-help', 'sms', 'HELP: the help answer names STOP.', ['HELP'], {
    booking: 'none',
    replyAnyOf: ['stop'],
  }),
  texts(
    'sms-reschedule',
    'sms',
    'Moves a Thursday appointment to Friday, same time, by text.',
    ['hi need to move my {nextThu} appt to {nextFri} same time', 'yes'],
    { fixtures: { 0: { movedTo: { day: 'nextFri', from: '14:00', to: '14:00' } } } },
    { fixtures: [mine('nextThu', '14:00')] },
  ),
  texts(
    'sms-cancel',
    'sms',
    'Cancels by text.',
    ['pls cancel my appointment', 'yes'],
    { booking: 'none', fixtures: { 0: 'cancelled' } },
    { fixtures: [mine('nextWed', '11:00')] },
  ),
  texts('sms-faq-saturday', 'sms', 'Text shorthand: "r u open saturday".', ['r u open saturday'], {
    booking: 'none',
    replyAnyOf: ['1pm', '1 pm', '1:00', '1 p.m.'],
  }),
  texts(
    'sms-booking-steps',
    'sms',
    'Books bit by bit over several texts.',
    ['need a cleaning', '{nextTue}', '11am', 'its sam lee', 'yes please'],
    { booking: cleaning('nextTue', '11:00') },
  ),
  texts('sms-unknown-braces', 'sms', '"do u do braces": no invented price.', ['do u do braces'], {
    booking: 'none',
    replyNoneOf: SEED_PRICES,
  }),
];
