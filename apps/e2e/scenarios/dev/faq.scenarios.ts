// Questions the business's knowledge answers: the reply carries the fact, nothing is booked and
// nobody is called in.
import { call, type Expectation } from '../../runner/scenario.types.ts';

const answers = (replyAnyOf: string[]): Expectation => ({
  booking: 'none',
  escalation: 'none',
  replyAnyOf,
});
const FIVE_PM = ['5pm', '5 pm', '5:00', '5 p.m.', 'five'];
const ONE_PM = ['1pm', '1 pm', '1:00', '1 p.m.'];

export const scenarios = [
  call(
    'faq-is-this-the-dentist',
    'faq',
    'Checks they reached the right place before asking anything.',
    ['hi is this the dentist', 'ok great thanks bye'],
    answers(["you've reached"]),
  ),
  call(
    'faq-ok-then-price-after-unknown',
    'faq',
    'An unknown question, then "ok" and a question of their own: no message is passed on.',
    ['do you take walk ins', 'ok how much is a cleaning', 'no thats all bye'],
    answers(['$120', '120 dollars']),
  ),
  call(
    'faq-closing-time',
    'faq',
    'What time they close on a weekday.',
    ['what time are you open till on {nextFri}', 'ok thanks bye'],
    answers(FIVE_PM),
  ),
  call(
    'faq-cleaning-price',
    'faq',
    'The price of a cleaning.',
    ['how much is a cleaning', 'ok thank you'],
    answers(['$120', '120 dollars', 'a hundred and twenty']),
  ),
  call(
    'faq-delta-dental',
    'faq',
    'Whether they take Delta Dental.',
    ['do you take delta dental', 'great thanks'],
    answers(['delta']),
  ),
  call(
    'faq-parking',
    'faq',
    'Parking.',
    ['is there parking', 'ok perfect'],
    answers(['free parking', 'parking behind', 'behind the building']),
  ),
  call(
    'faq-location',
    'faq',
    'Where they are.',
    ['where are you guys located', 'got it thanks'],
    answers(['250 market', 'market street']),
  ),
  call(
    'faq-deposit',
    'faq',
    'Anything to pay upfront.',
    ['do i have to pay anything upfront', 'ok'],
    answers(['$25', '25 dollars', 'twenty-five', 'twenty five']),
  ),
  call(
    'faq-whitening-price',
    'faq',
    'The price of whitening.',
    ['how much for teeth whitening', 'thanks'],
    answers(['$350', '350']),
  ),
  call(
    'faq-saturday-hours',
    'faq',
    'Saturday opening.',
    ['are you open on saturdays', 'cool thanks'],
    answers(ONE_PM),
  ),
  call(
    'faq-sunday',
    'faq',
    'Sunday opening.',
    ['are you open sunday', 'ok bye'],
    answers(['closed']),
  ),
  call(
    'faq-messy-price',
    'faq',
    'A messy price question.',
    ['uh yeah how much do yall charge for like a regular cleaning and check up', 'ok cool'],
    answers(['$120', '120 dollars', 'a hundred and twenty']),
  ),
  call(
    'faq-new-patient-deal',
    'faq',
    'A deal for new patients (the $89 first exam).',
    ['is there a deal for new patients', 'nice thanks'],
    answers(['$89', '89']),
  ),
];
