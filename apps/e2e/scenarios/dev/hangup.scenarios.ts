// Callers who hang up mid-flow: nothing is left booked (nor held) in their name.
import { call } from '../../runner/scenario.types.ts';

const hangup = { hangup: true } as const;

export const scenarios = [
  call(
    'hangup-after-request',
    'hangup',
    'Asks for a time and hangs up.',
    ["i'd like a cleaning {nextWed} at 10", hangup],
    { booking: 'none' },
  ),
  call(
    'hangup-after-name',
    'hangup',
    'Gives the name and hangs up before confirming.',
    ['cleaning {nextThu} at 2', 'its mark', hangup],
    { booking: 'none' },
  ),
  call('hangup-at-greeting', 'hangup', 'Hangs up at the greeting.', [hangup], {
    booking: 'none',
    escalation: 'none',
  }),
  call('hangup-after-silence', 'hangup', '"um", silence, hang-up.', ['um', '', hangup], {
    booking: 'none',
  }),
  call(
    'hangup-at-read-back',
    'hangup',
    'Hangs up when the booking is read back.',
    ['cleaning {nextFri} at 11 name lisa ray', hangup],
    { booking: 'none' },
  ),
  call(
    'hangup-no-deposit',
    'hangup',
    'No deposit business; hangs up after the name.',
    ['book a check up {nextMon} at 9', 'mary jones', hangup],
    { booking: 'none' },
    { tenant: 'no_deposit' },
  ),
];
