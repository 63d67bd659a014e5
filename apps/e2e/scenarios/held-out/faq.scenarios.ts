// Held out: questions the business's knowledge answers.
import { call, type Expectation } from '../../runner/scenario.types.ts';

const answers = (replyAnyOf: string[]): Expectation => ({
  booking: 'none',
  escalation: 'none',
  replyAnyOf,
});

export const scenarios = [
  call(
    'faq-ho-hours',
    'faq',
    'Opening hours.',
    ['what are your hours', 'thanks'],
    answers(['5pm', '5 pm', '5:00', '5 p.m.', 'five']),
  ),
  call(
    'faq-ho-aetna',
    'faq',
    'Aetna.',
    ['do you guys accept aetna', 'ok thanks'],
    answers(['aetna']),
  ),
  call(
    'faq-ho-address',
    'faq',
    'The address.',
    ['whats the address', 'thank you'],
    answers(['250 market', 'market street']),
  ),
  call(
    'faq-ho-deposit-amount',
    'faq',
    'How much the deposit is.',
    ['how much is the deposit', 'ok'],
    answers(['$25', '25 dollars', 'twenty-five', 'twenty five']),
  ),
  call(
    'faq-ho-park',
    'faq',
    'Where to park.',
    ['can i park there', 'ok great'],
    answers(['parking']),
  ),
];
