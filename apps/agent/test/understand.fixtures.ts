// What the offline-understanding tests share: one fixed moment, the demo business's services and
// the input around a caller's words, so each test file states only the words and the commands.
import {
  understandingSchema,
  type Command,
  type UnderstandInput,
} from '../src/dialogue/commands.ts';
import { understandOffline } from '../src/dialogue/understand.offline.ts';

/** Monday 4 March 2030, 8:00 in New York: every relative day and time is read from here. */
export const NOW = new Date('2030-03-04T13:00:00Z');
export const SERVICES = ['Cleaning and check-up', 'Teeth whitening', 'Emergency visit'];
export const CLEANING = { type: 'set_service', service: 'Cleaning and check-up' } as const;
export const WHITENING = { type: 'set_service', service: 'Teeth whitening' } as const;
export const BOOK = { type: 'start_flow', flow: 'book' } as const;
export const when = (wish: object) => ({ type: 'set_when', wish }) as Command;

/**
 * What the offline rules understand of text, checked against the schema the agent enforces. The
 * input is the demo business in New York in English; more overrides any of it. While a choice is
 * expected the caller has heard choiceOffers (and no offers otherwise).
 */
export function readOffline(
  text: string,
  more: Partial<UnderstandInput> = {},
  choiceOffers: string[] = [],
) {
  const input: UnderstandInput = {
    text,
    services: SERVICES,
    timezone: 'America/New_York',
    now: NOW,
    language: 'en',
    allowedLanguages: ['en', 'fr', 'es'],
    expecting: null,
    offers: more.expecting === 'choice' ? choiceOffers : [],
    history: [],
    ...more,
  };
  return understandingSchema.parse(understandOffline(input));
}
