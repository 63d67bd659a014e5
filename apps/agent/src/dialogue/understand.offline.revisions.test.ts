import { describe, expect, it } from 'vitest';
import { type Command, type Expectation, type Language } from './commands.ts';
import { BOOK, CLEANING, readOffline, when, WHITENING } from '../../test/understand.fixtures.ts';

// Read at NOW, Monday 4 March 2030, 8:00 in New York. Callers who change their mind, and
// callers who move.
const MOVE = { type: 'start_flow', flow: 'reschedule' } as const;
const CORRECTION = { type: 'correction' } as const;
const at = (time: string) => when({ time });
type Case = [string, Expectation | null, Command[]];

const cmds = (text: string, expecting: Expectation | null = null, language: Language = 'en') =>
  readOffline(text, { expecting, language }).commands;

describe('a time turned down beside the one wanted', () => {
  it.each<Case>([
    ["no that's wrong i want 10 not 9", 'confirm', [CORRECTION, at('10:00')]],
    ['10 not 9', 'confirm', [CORRECTION, at('10:00')]],
    ['not 9, 10', 'confirm', [CORRECTION, at('10:00')]],
    ['make it 10 instead of 9', 'confirm', [CORRECTION, at('10:00')]],
    ['10 instead of 9', 'confirm', [CORRECTION, at('10:00')]],
    ['i said 11 not 10', 'confirm', [CORRECTION, at('11:00')]],
    ["i can't do 9, can we do 10", 'confirm', [CORRECTION, at('10:00')]],
    ['hmm actually 3 is too late can we do 1', 'name', [CORRECTION, at('13:00')]],
    ['9 is too early, how about 11', 'confirm', [CORRECTION, at('11:00')]],
    ["2 doesn't work, what about 4", 'choice', [CORRECTION, at('16:00')]],
    ['no sorry make that 9', 'name', [CORRECTION, at('09:00')]],
    ['actually make it 3', 'name', [CORRECTION, at('15:00')]],
    ['not friday, monday', 'confirm', [CORRECTION, when({ date: '2030-03-11' })]],
    ['friday not thursday', 'when', [CORRECTION, when({ date: '2030-03-08' })]],
  ])('%s', (text, expecting, expected) => {
    expect(cmds(text, expecting)).toEqual(expected);
  });

  it.each<[string, Expectation, Language, Command[]]>([
    ['à 10h pas 9h', 'confirm', 'fr', [CORRECTION, at('10:00')]],
    ['non 10h au lieu de 9h', 'confirm', 'fr', [CORRECTION, at('10:00')]],
    ["9h c'est trop tôt, plutôt 11h", 'confirm', 'fr', [CORRECTION, at('11:00')]],
    ['a las 10 y no a las 9', 'confirm', 'es', [CORRECTION, at('10:00')]],
    ['a las 10, no a las 9', 'confirm', 'es', [CORRECTION, at('10:00')]],
    ['las 9 es muy temprano, mejor a las 11', 'confirm', 'es', [CORRECTION, at('11:00')]],
  ])('%s (%s, %s)', (text, expecting, language, expected) => {
    expect(cmds(text, expecting, language)).toEqual(expected);
  });

  it('never reads the time turned down as a wish', () => {
    expect(cmds("i can't come at 10", 'when')).toEqual([{ type: 'clarify' }]);
    expect(cmds("i don't mind 9", 'when')).toEqual([at('09:00')]);
    expect(cmds('no', 'confirm')).toEqual([{ type: 'deny' }]);
  });
});

describe('a day taken back', () => {
  it.each<Case>([
    [
      'um friday no wait monday at 10 for a cleaning',
      null,
      [BOOK, when({ date: '2030-03-11', time: '10:00' }), CLEANING],
    ],
    ['friday at 10 no wait 11', null, [BOOK, when({ date: '2030-03-08', time: '11:00' })]],
    ['friday, sorry, monday at 10', null, [BOOK, when({ date: '2030-03-11', time: '10:00' })]],
    ['tomorrow sorry i mean thursday', null, [BOOK, when({ date: '2030-03-07' })]],
    [
      'i want a cleaning on friday, actually monday',
      null,
      [BOOK, CLEANING, when({ date: '2030-03-11' })],
    ],
    [
      'tomorrow at 10, actually 11',
      'confirm',
      [CORRECTION, when({ date: '2030-03-05', time: '11:00' })],
    ],
    ["i'm sorry, can i book for friday", null, [BOOK, when({ date: '2030-03-08' })]],
    ['sorry what?', 'confirm', [{ type: 'repeat' }]],
  ])('%s', (text, expecting, expected) => {
    expect(cmds(text, expecting)).toEqual(expected);
  });

  it.each<[string, Language, Command[]]>([
    [
      'vendredi non attendez lundi à 10h pour un nettoyage',
      'fr',
      [BOOK, when({ date: '2030-03-11', time: '10:00' }), CLEANING],
    ],
    [
      'el viernes, perdón, el lunes a las 10',
      'es',
      [BOOK, when({ date: '2030-03-11', time: '10:00' })],
    ],
    ['el viernes digo el lunes', 'es', [BOOK, when({ date: '2030-03-11' })]],
  ])('%s (%s)', (text, language, expected) => {
    expect(cmds(text, null, language)).toEqual(expected);
  });
});

describe('a move names the appointment it moves', () => {
  it.each<Case>([
    [
      "i can't make it to my appointment on wednesday can you move me to the 8th at 11",
      null,
      [MOVE, when({ date: '2030-03-08', time: '11:00' })],
    ],
    [
      'cancel my next tuesday appointment and book me thursday at 2 instead',
      null,
      [MOVE, when({ date: '2030-03-07', time: '14:00' })],
    ],
    [
      'cancel my appointment on tuesday and book me thursday at 2 instead',
      null,
      [MOVE, when({ date: '2030-03-07', time: '14:00' })],
    ],
    ['cancel tuesday and book thursday instead', null, [MOVE, when({ date: '2030-03-07' })]],
    [
      'i want to cancel my booking and make a new one for friday',
      null,
      [MOVE, when({ date: '2030-03-08' })],
    ],
    ['move my thursday appt to friday', null, [MOVE, when({ date: '2030-03-08' })]],
    [
      'my thursday appointment, can you move it to friday',
      null,
      [MOVE, when({ date: '2030-03-08' })],
    ],
    [
      'can i move my appointment on friday to monday at 3',
      null,
      [MOVE, when({ date: '2030-03-11', time: '15:00' })],
    ],
    [
      'can i reschedule my appointment for tuesday to thursday',
      null,
      [MOVE, when({ date: '2030-03-07' })],
    ],
    [
      'i need to reschedule my appointment for next week',
      null,
      [MOVE, when({ date: '2030-03-11', days: 7 })],
    ],
    ['move my 3 pm appointment to 4', null, [MOVE, at('16:00')]],
    ['can you move me to next monday', null, [MOVE, when({ date: '2030-03-11' })]],
    ["i can't make it to my appointment tomorrow", null, [MOVE]],
    ['can i move my appointment to friday same time', null, [MOVE, when({ date: '2030-03-08' })]],
    ['move it to friday at the same time', null, [MOVE, when({ date: '2030-03-08' })]],
    ['push my friday appointment back an hour', null, [MOVE, when({ shiftMinutes: 60 })]],
    ['can you push it an hour later', null, [MOVE, when({ shiftMinutes: 60 })]],
    ['push my appointment to 3', null, [MOVE, at('15:00')]],
  ])('%s', (text, expecting, expected) => {
    expect(cmds(text, expecting)).toEqual(expected);
  });

  it.each<[string, Language, Command[]]>([
    [
      'je dois déplacer mon rendez-vous de mardi à jeudi',
      'fr',
      [MOVE, when({ date: '2030-03-07' })],
    ],
    ['décaler mon rendez-vous d’une heure', 'fr', [MOVE, when({ shiftMinutes: 60 })]],
    [
      'je voudrais déplacer mon rendez-vous une heure plus tard',
      'fr',
      [MOVE, when({ shiftMinutes: 60 })],
    ],
    ['quiero cambiar mi cita del martes al jueves', 'es', [MOVE, when({ date: '2030-03-07' })]],
    [
      'no puedo ir a mi cita del martes, ¿me pueden cambiar al jueves?',
      'es',
      [MOVE, when({ date: '2030-03-07' })],
    ],
  ])('%s (%s)', (text, language, expected) => {
    expect(cmds(text, null, language)).toEqual(expected);
  });

  it('keeps a cancel a cancel, and a new service a new booking', () => {
    expect(cmds('I need to cancel my booking')).toEqual([{ type: 'start_flow', flow: 'cancel' }]);
    expect(cmds('cancel my appointment on tuesday')).toEqual([
      { type: 'start_flow', flow: 'cancel' },
      when({ date: '2030-03-05' }),
    ]);
    expect(cmds('cancel my whitening appointment')).toEqual([
      { type: 'start_flow', flow: 'cancel' },
      WHITENING,
    ]);
    const other = cmds('cancel my cleaning and book a whitening instead');
    expect(other).toContainEqual({ type: 'start_flow', flow: 'cancel' });
    expect(other).toContainEqual(BOOK);
    expect(other).not.toContainEqual(MOVE);
  });
});
