import { describe, expect, it } from 'vitest';
import { type Command, type Expectation, type Language, type UnderstandInput } from './commands.ts';
import { BOOK, CLEANING, readOffline, WHITENING } from '../../test/understand.fixtures.ts';

// Read at NOW, Monday 4 March 2030, 8:00 in New York. What scenario callers said that was
// misread once.
// Tuesday 10:00, Thursday 14:00, Friday 9:00, New York time.
const OFFERS = ['2030-03-05T15:00:00.000Z', '2030-03-07T19:00:00.000Z', '2030-03-08T14:00:00.000Z'];
const FIRST = { type: 'choose_offer', relative: 'first' } as const;
const LAST = { type: 'choose_offer', relative: 'last' } as const;
type Case = [string, Expectation | null, Command[]];

const read = (text: string, more: Partial<UnderstandInput> = {}) => readOffline(text, more, OFFERS);
const cmds = (text: string, expecting: Expectation | null = null, language: Language = 'en') =>
  read(text, { expecting, language }).commands;

describe('a free choice among the offers', () => {
  it.each<[string, Language, Command[]]>([
    ['whatever you have first', 'en', [FIRST]],
    ['whichever is earliest', 'en', [FIRST]],
    ['the first available', 'en', [FIRST]],
    ["i'll take whatever comes first", 'en', [FIRST]],
    ["whatever's soonest", 'en', [FIRST]],
    ['as soon as possible', 'en', [FIRST]],
    ['whichever is later', 'en', [LAST]],
    ['either one', 'en', [FIRST]],
    ["n'importe lequel", 'fr', [FIRST]],
    ['celui que vous avez en premier', 'fr', [FIRST]],
    ['le premier disponible', 'fr', [FIRST]],
    ['peu importe, le premier', 'fr', [{ type: 'choose_offer', index: 0 }]],
    ['el que tenga primero', 'es', [FIRST]],
    ['cualquiera, el más temprano', 'es', [FIRST]],
    ['lo primero disponible', 'es', [FIRST]],
  ])('%s', (text, language, expected) => {
    expect(cmds(text, 'choice', language)).toEqual(expected);
  });

  it('leaves a wish for other times a wish', () => {
    expect(cmds('first available', 'when')).toEqual([
      { type: 'set_when', wish: { earliest: true } },
    ]);
    expect(cmds('do you have anything earlier', 'choice')).not.toContainEqual(FIRST);
  });
});

describe('a service named inside a booking request', () => {
  it.each<Case>([
    ['hi i want to book a whitening appointment', null, [BOOK, WHITENING]],
    [
      "i'd like to schedule a cleaning appointment for friday",
      null,
      [BOOK, CLEANING, { type: 'set_when', wish: { date: '2030-03-08' } }],
    ],
    [
      'can i get a whitening appointment tomorrow at 3',
      null,
      [BOOK, WHITENING, { type: 'set_when', wish: { date: '2030-03-05', time: '15:00' } }],
    ],
    ['when is my cleaning appointment', null, [{ type: 'start_flow', flow: 'lookup' }, CLEANING]],
  ])('%s', (text, expecting, expected) => {
    expect(cmds(text, expecting)).toEqual(expected);
  });

  it.each<[string, Language]>([
    ['je voudrais prendre un rendez-vous pour un blanchiment', 'fr'],
    ['quiero hacer una cita para un blanqueamiento', 'es'],
  ])('%s', (text, language) => {
    expect(cmds(text, null, language)).toEqual([BOOK, WHITENING]);
  });
});

describe('a day and time when something else was asked', () => {
  it.each<[string, Expectation]>([
    ['monday at 1 pm', 'name'],
    ['monday at 1 pm', 'service'],
    ['monday at 1 pm please', 'returning'],
  ])('%s (expecting %s)', (text, expecting) => {
    expect(cmds(text, expecting)).toEqual([
      { type: 'set_when', wish: { date: '2030-03-11', time: '13:00' } },
    ]);
  });
});

describe('stop as a request, not as a symptom', () => {
  it.each<Case>([
    ["my tooth is bleeding a lot and it won't stop", null, [{ type: 'emergency' }]],
    ["the bleeding doesn't stop", null, [{ type: 'emergency' }]],
    ["i can't stop the bleeding", null, [{ type: 'emergency' }]],
    ["it hurts and it won't stop hurting", null, [{ type: 'emergency' }]],
    ['no para de sangrar', null, [{ type: 'emergency' }]],
    ["ça saigne et ça ne s'arrête pas", null, [{ type: 'emergency' }]],
    ['stop, never mind', 'when', [{ type: 'cancel_flow' }]],
    ['stop', 'confirm', [{ type: 'cancel_flow' }]],
    ['please stop', null, [{ type: 'cancel_flow' }]],
    ['ok stop that', 'when', [{ type: 'cancel_flow' }]],
    ['forget it', 'confirm', [{ type: 'cancel_flow' }]],
    ['ya no, gracias', 'when', [{ type: 'cancel_flow' }]],
  ])('%s', (text, expecting, expected) => {
    expect(cmds(text, expecting)).toEqual(expected);
  });

  it('"ya no" alone is not a change of mind', () => {
    expect(cmds('ya no me duele', null, 'es')).not.toContainEqual({ type: 'cancel_flow' });
  });
});

describe('names said when a time was asked', () => {
  it.each<[string, Expectation, string]>([
    ['ben cole', 'choice', 'Ben Cole'],
    ['bob smith', 'when', 'Bob Smith'],
    ['its dave chen', 'when', 'Dave Chen'],
    ["it's dave chen", 'choice', 'Dave Chen'],
    ['its siobhan thats s i o b h a n kelly', 'when', 'Siobhan Kelly'],
    ['its siobhan thats s i o b h a n kelly', 'name', 'Siobhan Kelly'],
    ['siobhan s-i-o-b-h-a-n kelly', 'name', 'Siobhan Kelly'],
    ["jon that's j o h n smith", 'name', 'John Smith'],
    ['j o h n smith', 'name', 'John Smith'],
    ["mary-kate o'brien", 'name', "Mary-Kate O'Brien"],
  ])('%s (expecting %s)', (text, expecting, name) => {
    expect(cmds(text, expecting)).toEqual([{ type: 'set_name', name }]);
  });

  it.each<[string, Expectation]>([
    ['sure thing', 'when'],
    ['right now', 'when'],
    ['either one', 'choice'],
    ['next friday', 'when'],
    ['after lunch', 'when'],
    ['the cleaning', 'choice'],
    ['um hi uh yeah so i um i think im due for a cleaning', 'when'],
    ["i'm overdue for a check-up", 'when'],
    ["hi i'm allergic to latex, is that ok", 'when'],
  ])('not a name: %s', (text, expecting) => {
    expect(cmds(text, expecting).map((c) => c.type)).not.toContain('set_name');
  });
});

describe('the language of a short question', () => {
  it.each<[string, Language, Language[], Language]>([
    ['tienen estacionamiento', 'en', ['en', 'es'], 'es'],
    ['tienen estacionamiento', 'fr', ['fr', 'es'], 'es'],
    ['¿abren el sábado?', 'en', ['en', 'es'], 'es'],
    ['abren el sabado', 'en', ['en', 'es'], 'es'],
    ['estan abiertos el sabado', 'en', ['en', 'es'], 'es'],
    ['vous êtes ouverts samedi ?', 'en', ['en', 'fr'], 'fr'],
    ['vous etes ouverts samedi', 'en', ['en', 'fr'], 'fr'],
    ['ouvert le samedi ?', 'en', ['en', 'fr'], 'fr'],
  ])('%s (in a %s conversation) is %s', (text, language, allowedLanguages, expected) => {
    const r = read(text, { language, allowedLanguages });
    expect(r.language).toBe(expected);
    expect(r.commands.map((c) => c.type)).toEqual(['knowledge']);
  });
});

describe('a yes that names the flow', () => {
  it('is a yes', () => {
    expect(cmds('yes cancel it', 'confirm')[0]).toEqual({ type: 'affirm' });
    expect(cmds('yes, cancel that appointment', 'confirm')[0]).toEqual({ type: 'affirm' });
  });
});

describe('an okay before a question of their own, to an offered callback', () => {
  const types = (text: string) => cmds(text, 'handoff_offer').map((c) => c.type);
  it.each([
    'ok how much is a cleaning',
    'okay, what are your hours',
    'alright do you take insurance',
  ])('%s asks, and accepts nothing', (text) => {
    expect(types(text)).toContain('knowledge');
    expect(types(text)).not.toContain('affirm');
  });
  it.each(['yes please, and how much is a cleaning', 'ok yes, and what are your hours'])(
    '%s still says yes',
    (text) => expect(types(text)).toContain('affirm'),
  );
  it('a bare okay is still a yes', () => expect(types('okay')).toEqual(['affirm']));
});

describe("someone else's broken tooth", () => {
  it.each([
    'my kid chipped his tooth playing soccer, can you see him today',
    'my daughter broke her front tooth',
    'our son knocked out his tooth',
  ])('%s is an emergency', (text) => {
    expect(cmds(text).map((c) => c.type)).toContain('emergency');
  });
});

describe('a service by its place in the list just read out', () => {
  const service = (text: string) => cmds(text, 'service').find((c) => c.type === 'set_service');
  it.each([
    ['the second one', 'Teeth whitening'],
    ['the first one please', 'Cleaning and check-up'],
    ['the last one', 'Emergency visit'],
    ['um the third', 'Emergency visit'],
  ])('%s is %s', (text, name) =>
    expect(service(text)).toEqual({ type: 'set_service', service: name }),
  );
  it('names still win over places', () =>
    expect(service('whitening, the second one')).toEqual(WHITENING));
  it('a place means nothing when no list was read', () =>
    expect(cmds('the second one').some((c) => c.type === 'set_service')).toBe(false));
});

// After "Thursday is fully booked ... or I can put you on the waitlist for Thursday".
const JOIN = { type: 'join_waitlist' } as const;
const YES = { type: 'affirm' } as const;
const THURSDAY = { type: 'set_when', wish: { date: '2030-03-07' } } as const;

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
