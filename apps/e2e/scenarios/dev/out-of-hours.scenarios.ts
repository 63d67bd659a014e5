// Times the business is closed: nothing is booked then and the caller is told; a time they pick
// afterwards is booked.
import { call, cleaning, whitening } from '../../runner/scenario.types.ts';

const bye = 'thanks bye';
const CLOSED = [
  'closed',
  'not open',
  "aren't open",
  'open until',
  'open from',
  'close at',
  'we close',
];

export const scenarios = [
  call(
    'ooh-saturday-afternoon',
    'out_of_hours',
    'Saturday at 3 pm (open until 1), then 10.',
    ['can i book a cleaning {nextSat} at 3 pm', 'oh ok then how about 10', 'greg hale', 'yes', bye],
    { booking: cleaning('nextSat', '10:00') },
  ),
  call(
    'ooh-sunday',
    'out_of_hours',
    'Sunday: closed, nothing booked.',
    ['can i come in on {nextSun}', 'ok thanks'],
    { booking: 'none', replyAnyOf: CLOSED },
  ),
  call(
    'ooh-evening',
    'out_of_hours',
    '7 pm on a weekday, then 4 pm.',
    [
      'do you have anything {nextWed} at 7 pm for a cleaning',
      'ok then 4 pm',
      'irene fox',
      'yes',
      bye,
    ],
    { booking: cleaning('nextWed', '16:00') },
  ),
  call(
    'ooh-six-am',
    'out_of_hours',
    '6 in the morning, then 9.',
    ['cleaning {nextThu} at 6 in the morning', 'ok 9 then', 'joel hart', 'yes', bye],
    { booking: cleaning('nextThu', '09:00') },
  ),
  call(
    'ooh-sunday-then-monday',
    'out_of_hours',
    'Whitening on Sunday at 11, then Monday at 11.',
    ['{nextSun} at 11 for a whitening', 'ok what about {nextMon} at 11', 'kira lane', 'yes', bye],
    { booking: whitening('nextMon', '11:00') },
  ),
  call(
    'ooh-saturday-past-close',
    'out_of_hours',
    'Saturday 12:30 would run past 1 pm closing; then 12.',
    ['{nextSat} at 12:30 for a cleaning', 'then 12', 'lara moon', 'yes', bye],
    { booking: cleaning('nextSat', '12:00') },
  ),
  call(
    'ooh-before-work',
    'out_of_hours',
    '8 am before work; takes the earliest instead.',
    [
      'can i come in at 8 am {nextFri} before work for a cleaning',
      "ok what's the earliest then",
      'ok that one',
      'matt rowe',
      'yes',
      bye,
    ],
    { booking: cleaning('nextFri', '09:00') },
  ),
];
