// Held out: text threads.
import { cleaning, texts } from '../../runner/scenario.types.ts';

export const scenarios = [
  texts(
    'sms-ho-booking-no-deposit',
    'sms',
    'No deposit: a check-up at 2 pm by text, "Yes" to the read-back.',
    ['can i get a check up {nextMon} at 2pm? name is rita vance', 'Yes'],
    { booking: cleaning('nextMon', '14:00') },
    { tenant: 'no_deposit' },
  ),
  texts(
    'sms-ho-stop-then-question',
    'sms',
    'STOP, then a question: still opted out, nothing booked.',
    ['STOP', 'how much is a cleaning'],
    { optedOut: true, booking: 'none' },
  ),
  texts('sms-ho-location', 'sms', '"where r u located".', ['where r u located'], {
    booking: 'none',
    replyAnyOf: ['market'],
  }),
  texts(
    'sms-ho-person',
    'sms',
    'Asks for a person by text, then for a call back.',
    ['can i talk to someone', 'pls have them call me about my bill'],
    { booking: 'none', escalation: 'any' },
  ),
  texts(
    'sms-ho-booking-asap',
    'sms',
    'The earliest cleaning by text, the first one offered.',
    ['earliest cleaning you have?', 'the first one', 'mike dunn', 'yes'],
    { booking: cleaning('asap') },
  ),
];
