// Held out: callers who hang up mid-flow.
import { call, CLEANING } from '../../runner/scenario.types.ts';

const hangup = { hangup: true } as const;

export const scenarios = [
  call(
    'hangup-ho-whitening',
    'hangup',
    'Asks for whitening at 1 and hangs up.',
    ['whitening {nextTue} at 1', hangup],
    { booking: 'none' },
  ),
  call(
    'hangup-ho-cancel',
    'hangup',
    'Starts to cancel and hangs up before confirming: the booking stays.',
    ['i want to cancel my appointment', hangup],
    { fixtures: { 0: 'unchanged' } },
    { fixtures: [{ service: CLEANING, day: 'nextThu', at: '10:00' }] },
  ),
  call(
    'hangup-ho-after-pick',
    'hangup',
    'Picks the first time offered and hangs up.',
    ['cleaning as soon as possible', 'the first one', hangup],
    { booking: 'none' },
  ),
];
