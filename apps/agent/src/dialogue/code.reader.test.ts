import { describe, expect, it } from 'vitest';
import { readCode } from './code.reader.ts';

describe('readCode', () => {
  it.each([
    ['4 8 1 5 2 3', '481523'],
    ['it is 481 523', '481523'],
    ['four eight one five two three', '481523'],
    ['um oh four two nine nine one', '042991'],
    ['quatre huit un cinq deux trois', '481523'],
    ['cuatro ocho uno cinco dos tres', '481523'],
  ])('reads %s', (text, code) => expect(readCode(text)).toBe(code));

  it('takes the keypad and refuses a code of the wrong length', () => {
    expect(readCode('', '123456')).toBe('123456');
    expect(readCode('one two three')).toBeUndefined();
    expect(readCode('call me at 4155550123')).toBeUndefined();
  });
});
