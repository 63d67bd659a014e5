import { describe, expect, it } from 'vitest';
import type { Wish } from '@receptionist/domain';
import { tokenize } from './utterance.tokenizer.ts';
import { parseWhen } from './when.parser.ts';
import { laidOver } from './when.revision.ts';

// Monday 4 March 2030 in the tenant's calendar.
const TODAY = '2030-03-04';

function wish(text: string, bare = true, today = TODAY): Wish | undefined {
  const u = tokenize(text);
  const words = u.tokens.map((t) => t.norm);
  return parseWhen(words, 0, words.length, () => true, { today, bare })?.wish;
}

describe('wish parser', () => {
  it.each<[string, Wish | undefined]>([
    ['tomorrow', { date: '2030-03-05' }],
    ['tomorrow morning around ten', { date: '2030-03-05', time: '10:00', approx: true }],
    ['Thursday afternoon', { date: '2030-03-07', after: '12:00', before: '17:00' }],
    ['next week', { date: '2030-03-11', days: 7 }],
    ['this week', { date: '2030-03-04', days: 7 }],
    ['next Tuesday at 2:30 pm', { date: '2030-03-12', time: '14:30' }],
    ['tuesday', { date: '2030-03-05' }],
    ['monday', { date: '2030-03-11' }],
    ['after 4', { after: '16:00' }],
    ['before noon', { before: '12:00' }],
    ['in the morning', { before: '12:00' }],
    ['in the evening', { after: '17:00' }],
    ['late afternoon', { after: '15:00', before: '17:00' }],
    ['after lunch', { after: '13:00' }],
    ['between 2 and 4', { after: '14:00', before: '16:00' }],
    ['the 15th', { date: '2030-03-15' }],
    ['the 2nd', { date: '2030-04-02' }],
    ['December 15', { date: '2030-12-15' }],
    ['march 1st', { date: '2031-03-01' }],
    ['the fifteenth of april', { date: '2030-04-15' }],
    ['as soon as possible', { earliest: true }],
    ['earliest you have', { earliest: true }],
    ['asap tomorrow', { date: '2030-03-05', earliest: true }],
    ['at 10', { time: '10:00' }],
    ['at 3', { time: '15:00' }],
    ['at 7', { time: '07:00' }],
    ['10:30', { time: '10:30' }],
    ['10am', { time: '10:00' }],
    ['3 p.m.', { time: '15:00' }],
    ['half past two', { time: '14:30' }],
    ['quarter to eleven', { time: '10:45' }],
    ['ten thirty', { time: '10:30' }],
    ['10ish', { time: '10:00', approx: true }],
    ['around noon', { time: '12:00', approx: true }],
    ['tonight at 6', { date: '2030-03-04', time: '18:00' }],
    ['this afternoon', { date: '2030-03-04', after: '12:00', before: '17:00' }],
    ['saturday morning', { date: '2030-03-09', before: '12:00' }],
    ['the weekend', { date: '2030-03-09', days: 2 }],
    ['in two days', { date: '2030-03-06' }],
    ['monday or tuesday next week', { date: '2030-03-11', days: 2 }],
    ['not in the morning', { after: '12:00' }],
    ['demain matin', { date: '2030-03-05', before: '12:00' }],
    ['jeudi après-midi vers 15h', { date: '2030-03-07', time: '15:00', approx: true }],
    ['après-demain à 9h', { date: '2030-03-06', time: '09:00' }],
    ['vendredi à quatorze heures trente', { date: '2030-03-08', time: '14:30' }],
    ['à trois heures et demie', { time: '15:30' }],
    ['avant midi', { before: '12:00' }],
    ['après 16h', { after: '16:00' }],
    ['ce soir', { date: '2030-03-04', after: '17:00' }],
    ['le 3 avril', { date: '2030-04-03' }],
    ['mañana por la tarde', { date: '2030-03-05', after: '12:00', before: '17:00' }],
    ['mañana por la mañana', { date: '2030-03-05', before: '12:00' }],
    ['el martes a las diez', { date: '2030-03-05', time: '10:00' }],
    ['el jueves que viene', { date: '2030-03-14' }],
    ['la próxima semana', { date: '2030-03-11', days: 7 }],
    ['a las 4 de la tarde', { time: '16:00' }],
    ['a las diez menos cuarto', { time: '09:45' }],
    ['después de las 3', { after: '15:00' }],
    ['antes de las 11', { before: '11:00' }],
    ['esta tarde', { date: '2030-03-04', after: '12:00', before: '17:00' }],
    ['hoy', { date: '2030-03-04' }],
    ['I have 2 kids', undefined],
    ['good', undefined],
  ])('%s', (text, expected) => {
    expect(wish(text)).toEqual(expected);
  });

  it('needs a clock word or a preposition for a number said in passing', () => {
    expect(wish('i need 2 cleanings', false)).toBeUndefined();
    expect(wish('we are 3', false)).toBeUndefined();
    expect(wish('thursday 2', false)).toEqual({ date: '2030-03-07', time: '14:00' });
  });

  it('rolls a day already past into the next month or year', () => {
    expect(wish('the 3rd', true, '2030-12-20')).toEqual({ date: '2031-01-03' });
    expect(wish('february 30')).toBeUndefined();
  });
});

describe('times turned down and taken back', () => {
  const hit = (text: string, bare = false) => {
    const words = tokenize(text).tokens.map((t) => t.norm);
    return parseWhen(words, 0, words.length, () => true, { today: TODAY, bare });
  };

  it.each<[string, Wish | undefined]>([
    ['10 not 9', { time: '10:00' }],
    ['not 9, 10', { time: '10:00' }],
    ['10 instead of 9', { time: '10:00' }],
    ['3 is too late, can we do 1', { time: '13:00' }],
    ["2 doesn't work, 4 please", { time: '16:00' }],
    ['friday is too late, monday', { date: '2030-03-11' }],
    ['not friday', undefined],
    ['10h et pas 9h', { time: '10:00' }],
    ['15h ne me va pas, plutôt 16h', { time: '16:00' }],
    ['a las 3 no puedo, a las 4', { time: '16:00' }],
    ['no a las 9 sino a las 10', { time: '10:00' }],
  ])('%s', (text, expected) => {
    expect(hit(text)?.wish).toEqual(expected);
  });

  it('tells that something was turned down', () => {
    expect(hit('10 not 9')?.rejected).toBe(true);
    expect(hit('at 10')?.rejected).toBeUndefined();
  });

  it('reads a length of time as no time at all', () => {
    expect(hit("d'une heure")).toBeUndefined();
    expect(hit('une heure plus tard')).toBeUndefined();
    expect(hit('at 2 hours later')).toBeUndefined();
    expect(hit('one hour later')).toBeUndefined();
    expect(hit('wait 2 seconds')).toBeUndefined();
    expect(hit("i don't mind 9", true)?.wish).toEqual({ time: '09:00' });
  });

  it('lays what was said after a correction over what came before', () => {
    expect(laidOver({ date: '2030-03-08', time: '10:00' }, { date: '2030-03-11' })).toEqual({
      date: '2030-03-11',
      time: '10:00',
    });
    expect(laidOver({ date: '2030-03-08', days: 2, time: '10:00' }, { time: '11:00' })).toEqual({
      date: '2030-03-08',
      days: 2,
      time: '11:00',
    });
    expect(
      laidOver({ date: '2030-03-08', after: '12:00' }, { time: '09:00', approx: true }),
    ).toEqual({ date: '2030-03-08', time: '09:00', approx: true });
  });
});
