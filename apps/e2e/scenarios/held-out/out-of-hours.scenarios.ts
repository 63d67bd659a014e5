// Held out: times the business is closed.
import { call, cleaning } from '../../runner/scenario.types.ts';

export const scenarios = [
  call(
    'ooh-ho-half-five',
    'out_of_hours',
    '5:30 pm, then 3.',
    ['cleaning {nextTue} at 5:30 pm', 'ok 3 then', 'nate cole', 'yes', 'bye'],
    { booking: cleaning('nextTue', '15:00') },
  ),
  call(
    'ooh-ho-sunday-morning',
    'out_of_hours',
    'Sunday morning; will call back.',
    ['can i book {nextSun} morning', "no thanks i'll call back"],
    { booking: 'none', replyAnyOf: ['closed', 'not open', "aren't open"] },
  ),
  call(
    'ooh-ho-saturday-two',
    'out_of_hours',
    'Saturday at 2, then 11.',
    ['{nextSat} at 2 for a check up', 'ok then 11', 'opal west', 'yes', 'bye'],
    { booking: cleaning('nextSat', '11:00') },
  ),
];
