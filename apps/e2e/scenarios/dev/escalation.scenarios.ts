// Callers who need a person: a transfer (<Dial> in the TwiML, or a transfer escalation), a
// message left for the team, or for an emergency a transfer or the emergency visit.
import { booked, call, EMERGENCY } from '../../runner/scenario.types.ts';

const emergency = {
  anyOf: [{ escalation: 'transfer' as const }, { booking: booked(EMERGENCY, 'asap') }],
};

export const scenarios = [
  call(
    'escalation-real-person',
    'escalation',
    'Asks for a real person; the staff member picks up.',
    ['can i talk to a real person please'],
    { escalation: 'transfer', booking: 'none' },
    { staffAnswers: true },
  ),
  call('escalation-keypad-zero', 'escalation', 'Presses 0 at the greeting.', [{ digits: '0' }], {
    escalation: 'transfer',
    booking: 'none',
  }),
  call(
    'escalation-message-for-dentist',
    'escalation',
    'Leaves a message for the dentist.',
    [
      "i'd like to leave a message for the dentist",
      'tell doctor smith that my x rays from my old dentist are ready to send over thanks',
      'thats all',
    ],
    { escalation: 'message', booking: 'none' },
  ),
  call(
    'escalation-bleeding',
    'escalation',
    'A tooth bleeding and not stopping: transfer, or the emergency visit soonest.',
    ["my tooth is bleeding a lot and it won't stop", 'yes as soon as possible', 'amy fox', 'yes'],
    emergency,
  ),
  call(
    'escalation-manager-billing',
    'escalation',
    'Wants the manager about a bill.',
    ['i want to speak to the manager about my bill', 'its about a charge from last month'],
    { escalation: 'any', booking: 'none' },
  ),
  call(
    'escalation-operator',
    'escalation',
    'Just says "uh operator".',
    ['uh operator', 'operator'],
    { escalation: 'transfer', booking: 'none' },
  ),
  call(
    'escalation-callback-claim',
    'escalation',
    'Asks for a call back about an insurance claim and says what it is about.',
    [
      'can you have someone call me back about my insurance claim',
      "it's about the claim for my crown last month they denied it",
      'thanks',
    ],
    { escalation: 'message', booking: 'none' },
  ),
  call(
    'escalation-swelling',
    'escalation',
    'Face swelling up, urgent: transfer, or the emergency visit soonest.',
    ['this is urgent my face is swelling up on one side', 'yes please', 'ray cook', 'yes'],
    emergency,
  ),
];
