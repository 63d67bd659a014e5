import { describe, expect, it } from 'vitest';
import {
  understandingSchema,
  type Command,
  type Expectation,
  type Language,
  type UnderstandInput,
} from './commands.ts';
import { understandOffline } from './understand.offline.ts';

// Monday 4 March 2030, 8:00 in New York; the caller has just heard that a day is fully booked,
// the other times on offer (Wednesday 10:00, Friday 14:00) and the waitlist of that day.
const NOW = new Date('2030-03-04T13:00:00Z');
const OFFERS = ['2030-03-06T15:00:00.000Z', '2030-03-08T19:00:00.000Z'];
const JOIN = { type: 'join_waitlist' } as const;
const YES = { type: 'affirm' } as const;
const BOOK = { type: 'start_flow', flow: 'book' } as const;
const THURSDAY = { type: 'set_when', wish: { date: '2030-03-07' } } as const;

function cmds(text: string, expecting: Expectation | null, language: Language = 'en') {
  const input: UnderstandInput = {
    text,
    services: ['Cleaning and check-up', 'Teeth whitening', 'Emergency visit'],
    timezone: 'America/New_York',
    now: NOW,
    language,
    allowedLanguages: ['en', 'fr', 'es'],
    expecting,
    offers: expecting === 'choice' ? OFFERS : [],
    history: [],
  };
  return understandingSchema.parse(understandOffline(input)).commands;
}

describe('joining the waitlist of a full day, as callers say it', () => {
  it.each<[string, Language, Command[]]>([
    ['yes please', 'en', [YES]],
    ['sure, put me on the list', 'en', [YES, JOIN]],
    ['the waitlist is fine', 'en', [JOIN]],
    ['oh that is a shame, can you put me on a waitlist?', 'en', [JOIN]],
    ['yeah put me on the waiting list', 'en', [YES, JOIN]],
    ['just text me if something opens up', 'en', [JOIN]],
    ['let me know if anything frees up', 'en', [JOIN]],
    ['add me to the wait list please', 'en', [JOIN]],
    ['oui, mettez-moi sur la liste d’attente', 'fr', [YES, JOIN]],
    ['la liste d’attente, ça me va', 'fr', [JOIN, YES]],
    ['prévenez-moi si une place se libère', 'fr', [JOIN]],
    ['sí, póngame en la lista de espera', 'es', [YES, JOIN]],
    ['avíseme si se libera algo', 'es', [JOIN]],
  ])('%s', (text, language, expected) => {
    expect(cmds(text, 'choice', language)).toEqual(expected);
  });

  it('a waitlist asked for with the day, before any offer, is a booking for that day', () => {
    expect(cmds('can you put me on the waitlist for thursday', null)).toEqual([
      JOIN,
      BOOK,
      THURSDAY,
    ]);
  });

  it('a list of times or a message is no waitlist', () => {
    expect(cmds('can you list the times again', 'choice')).not.toContainEqual(JOIN);
    expect(cmds('have someone call me back', null)).toEqual([{ type: 'leave_message' }]);
    expect(cmds('the second one', 'choice')).toEqual([{ type: 'choose_offer', index: 1 }]);
  });
});
