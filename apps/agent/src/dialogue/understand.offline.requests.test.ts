import { describe, expect, it } from 'vitest';
import { type Command, type Expectation, type Language } from './commands.ts';
import { BOOK, CLEANING, readOffline, when, WHITENING } from '../../test/understand.fixtures.ts';

// Read at NOW, Monday 4 March 2030, 8:00 in New York. Shaded parts of the day, times past the
// offers, two requests in one breath, pain that is over, and names said twice or surname first.
// Tuesday 10:00, Thursday 14:00, Thursday 16:00, Friday 9:00, New York time.
const OFFERS = [
  '2030-03-05T15:00:00.000Z',
  '2030-03-07T19:00:00.000Z',
  '2030-03-07T21:00:00.000Z',
  '2030-03-08T14:00:00.000Z',
];
const CANCEL = { type: 'start_flow', flow: 'cancel' } as const;
const name = (n: string) => ({ type: 'set_name', name: n }) as Command;
const choose = (index: number) => ({ type: 'choose_offer', index }) as Command;
type Case = [string, Language, Command[]];

const cmds = (text: string, expecting: Expectation | null, language: Language = 'en') =>
  readOffline(text, { expecting, language }, OFFERS).commands;

describe('a day with a shaded part of it keeps the day', () => {
  it.each<Case>([
    [
      'sometime wednesday late morning for a cleaning',
      'en',
      [BOOK, when({ date: '2030-03-06', after: '10:00', before: '12:00' }), CLEANING],
    ],
    [
      'thursday early afternoon',
      'en',
      [BOOK, when({ date: '2030-03-07', after: '12:00', before: '15:00' })],
    ],
    [
      'friday late afternoon',
      'en',
      [BOOK, when({ date: '2030-03-08', after: '15:00', before: '17:00' })],
    ],
    ['monday first thing', 'en', [BOOK, when({ date: '2030-03-11', before: '10:00' })]],
    [
      'tuesday around lunchtime',
      'en',
      [BOOK, when({ date: '2030-03-05', after: '12:00', before: '14:00' })],
    ],
    [
      'wednesday late in the morning',
      'en',
      [BOOK, when({ date: '2030-03-06', after: '10:00', before: '12:00' })],
    ],
    ['jeudi tôt le matin', 'fr', [BOOK, when({ date: '2030-03-07', before: '10:00' })]],
    [
      'mercredi en fin de matinée',
      'fr',
      [BOOK, when({ date: '2030-03-06', after: '10:00', before: '12:00' })],
    ],
    [
      "jeudi en début d'après-midi",
      'fr',
      [BOOK, when({ date: '2030-03-07', after: '12:00', before: '15:00' })],
    ],
    [
      'el jueves temprano por la mañana',
      'es',
      [BOOK, when({ date: '2030-03-07', before: '10:00' })],
    ],
    [
      'el miércoles a última hora de la mañana',
      'es',
      [BOOK, when({ date: '2030-03-06', after: '10:00', before: '12:00' })],
    ],
  ])('%s', (text, language, expected) => {
    expect(cmds(text, null, language)).toEqual(expected);
  });

  it('a day said too late is still turned down', () => {
    expect(cmds('thursday is too late, how about friday', 'when')).toEqual([
      { type: 'correction' },
      when({ date: '2030-03-08' }),
    ]);
  });
});

describe('the earliest on a day named, among offers on several days', () => {
  it.each<Case>([
    ['the earliest you have on thursday', 'en', [choose(1)]],
    ['the latest you have on thursday', 'en', [choose(2)]],
    ['earliest on thursday', 'en', [choose(1)]],
    ['le plus tôt jeudi', 'fr', [choose(1)]],
    ['el más temprano el jueves', 'es', [choose(1)]],
    ['the earliest you have on wednesday', 'en', [when({ date: '2030-03-06', earliest: true })]],
    ['le plus tôt mercredi', 'fr', [when({ date: '2030-03-06', earliest: true })]],
    ['the earliest you have', 'en', [{ type: 'choose_offer', relative: 'first' }]],
  ])('%s', (text, language, expected) => {
    expect(cmds(text, 'choice', language)).toEqual(expected);
  });
});

describe('times past the offers are a wish, not a question', () => {
  const later = when({ date: '2030-03-08', after: '09:00' });
  const earlier = when({ date: '2030-03-05', before: '10:00' });
  it.each<Case>([
    ['do you have any later', 'en', [later]],
    ['anything later?', 'en', [later]],
    ['nothing later?', 'en', [later]],
    ['something earlier?', 'en', [earlier]],
    ['anything sooner?', 'en', [earlier]],
    ['anything later on thursday?', 'en', [when({ date: '2030-03-07', after: '16:00' })]],
    ['nothing in the afternoon?', 'en', [when({ after: '12:00', before: '17:00' })]],
    ['plus tard ?', 'fr', [later]],
    ['vous avez quelque chose de plus tôt ?', 'fr', [earlier]],
    ['¿algo más tarde?', 'es', [later]],
    ['¿nada más temprano?', 'es', [earlier]],
    ['the later one', 'en', [{ type: 'choose_offer', relative: 'last' }]],
    ['el más tarde', 'es', [{ type: 'choose_offer', relative: 'last' }]],
  ])('%s', (text, language, expected) => {
    expect(cmds(text, 'choice', language)).toEqual(expected);
  });

  it('an hour later is no window past the offers but a shift from the time in play', () => {
    expect(cmds('an hour later', 'choice')).toEqual([
      { type: 'set_when', wish: { shiftMinutes: 60 } },
    ]);
  });
});

describe('a cancellation, then a booking of another service', () => {
  const both = [CANCEL, CLEANING, BOOK, WHITENING];
  it.each<[string, Language, Expectation | null]>([
    ['cancel my cleaning and book a whitening instead', 'en', null],
    ['cancel my cleaning and book a whitening instead', 'en', 'anything_else'],
    ['cancel the cleaning and book me a whitening', 'en', null],
    ['annuler mon nettoyage et réserver un blanchiment à la place', 'fr', null],
    ['cancelar mi limpieza y reservar un blanqueamiento en su lugar', 'es', null],
  ])('%s (%s, %s)', (text, language, expecting) => {
    expect(cmds(text, expecting, language)).toEqual(both);
  });

  it('the same service again is still a move', () => {
    expect(cmds('cancel my tuesday appointment and book me thursday instead', null)).toEqual([
      { type: 'start_flow', flow: 'reschedule' },
      when({ date: '2030-03-07' }),
    ]);
  });
});

describe('pain or bleeding said as over is no emergency', () => {
  it.each<Case>(
    [
      ['ya no me duele', 'es'],
      ['no me duele', 'es'],
      ['ya no tengo dolor', 'es'],
      ["it doesn't hurt anymore", 'en'],
      ["it doesn't hurt so much anymore", 'en'],
      ['the pain is gone', 'en'],
      ["i'm not in pain anymore", 'en'],
      ["i'm no longer in pain", 'en'],
      ['the bleeding stopped', 'en'],
      ['it stopped bleeding', 'en'],
      ["it's not urgent", 'en'],
      ['ça ne saigne plus', 'fr'],
      ["je n'ai plus de douleur", 'fr'],
    ].map(([t, l]) => [t, l, []] as Case),
  )('%s', (text, language) => {
    expect(cmds(text, null, language).map((c) => c.type)).not.toContain('emergency');
  });

  it.each<[string, Language]>([
    ["it hurts a lot, it won't go away", 'en'],
    ["the pain is gone but now it's bleeding", 'en'],
    ["i'm not sure but it really hurts", 'en'],
    ['ça saigne de plus en plus', 'fr'],
    ['me duele mucho', 'es'],
  ])('%s is still one', (text, language) => {
    expect(cmds(text, null, language)).toContainEqual({ type: 'emergency' });
  });
});

describe('times relative to the appointment during a move', () => {
  it.each<Case>([
    ['to a later time', 'en', [when({ relative: 'later' })]],
    ['later that day', 'en', [when({ relative: 'later' })]],
    ['an hour later', 'en', [when({ shiftMinutes: 60 })]],
    ['plus tard', 'fr', [when({ relative: 'later' })]],
    ['une heure plus tard', 'fr', [when({ shiftMinutes: 60 })]],
    ['más tarde', 'es', [when({ relative: 'later' })]],
  ])('%s', (text, language, expected) => {
    expect(cmds(text, 'when', language)).toEqual(expected);
  });

  it.each<Case>([
    ['later that afternoon', 'en', [when({ after: '12:00' })]],
    ['later that evening', 'en', [when({ after: '17:00' })]],
    ['later that morning', 'en', [when({ before: '12:00' })]],
    ["plus tard dans l'après-midi", 'fr', [when({ after: '12:00' })]],
    ['más tarde por la tarde', 'es', [when({ after: '12:00' })]],
  ])('%s', (text, language, expected) => {
    expect(cmds(text, 'when', language)).toEqual(expected);
  });
});

describe('names said twice, surname first, with particles or spelled', () => {
  it.each<Case>([
    ["yeah it's jane, jane doe", 'en', [name('Jane Doe')]],
    ['jane, jane doe', 'en', [name('Jane Doe')]],
    ['doe, jane', 'en', [name('Jane Doe')]],
    ['smith, john paul', 'en', [name('John Paul Smith')]],
    ["my name's mohammed al-rashid", 'en', [name('Mohammed Al-Rashid')]],
    ['j o h n smith', 'en', [name('John Smith')]],
    ['j-o-h-n smith', 'en', [name('John Smith')]],
    ["mary-kate o'brien", 'en', [name("Mary-Kate O'Brien")]],
    ["oui c'est marie, marie dupont", 'fr', [name('Marie Dupont')]],
    ['dupont, marie', 'fr', [name('Marie Dupont')]],
    ["je m'appelle fatima el-amrani", 'fr', [name('Fatima El-Amrani')]],
    ['me llamo ana, ana garcía', 'es', [name('Ana García')]],
    ['garcía, ana', 'es', [name('Ana García')]],
  ])('%s', (text, language, expected) => {
    expect(cmds(text, 'name', language)).toEqual(expected);
  });
});
