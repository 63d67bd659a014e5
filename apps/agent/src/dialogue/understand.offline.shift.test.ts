import { describe, expect, it } from 'vitest';
import type { Command, Expectation } from './commands.ts';
import { readOffline } from '../../test/understand.fixtures.ts';

const cmds = (
  text: string,
  language: 'en' | 'fr' | 'es' = 'en',
  expecting: Expectation | null = null,
) => readOffline(text, { language, expecting }).commands;
const MOVE = { type: 'start_flow', flow: 'reschedule' } as const;
const shift = (shiftMinutes: number): Command => ({ type: 'set_when', wish: { shiftMinutes } });

describe('moves said relative to the appointment', () => {
  it.each<[string, 'en' | 'fr' | 'es', Command[]]>([
    ['can you push my appointment back an hour', 'en', [MOVE, shift(60)]],
    ['I need to push it back by a day', 'en', [MOVE, shift(1440)]],
    ['move it to an hour later please', 'en', [MOVE, shift(60)]],
    ['could I come in an hour later instead', 'en', [MOVE, shift(60)]],
    [
      'could I come in earlier on Wednesday instead',
      'en',
      [MOVE, { type: 'set_when', wish: { date: '2030-03-06', relative: 'earlier' } }],
    ],
    ["est-ce que je peux décaler mon rendez-vous d'une heure plus tard", 'fr', [MOVE, shift(60)]],
    ['quiero cambiar mi cita una hora más tarde', 'es', [MOVE, shift(60)]],
  ])('%s', (text, language, expected) => {
    expect(cmds(text, language)).toEqual(expected);
  });

  it('reads an amount and a direction once a time was asked', () => {
    expect(cmds('can we do it thirty minutes earlier', 'en', 'when')).toEqual([shift(-30)]);
    expect(cmds('half an hour later', 'en', 'when')).toEqual([shift(30)]);
    expect(cmds('later that day', 'en', 'when')).toEqual([
      { type: 'set_when', wish: { relative: 'later' } },
    ]);
  });

  it('hears no move in words that only mention a while', () => {
    const heard = [
      ...cmds('can you call me back in an hour'),
      ...cmds('I will be back in an hour'),
      ...cmds('see you later'),
    ];
    expect(heard.filter((c) => c.type === 'set_when' || c.type === 'start_flow')).toEqual([]);
  });
});
