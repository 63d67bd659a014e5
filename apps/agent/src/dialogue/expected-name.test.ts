import { describe, expect, it } from 'vitest';
import { bareName, readExpectedName } from './expected-name.ts';

describe('a name given where one was asked', () => {
  it.each([
    ['owen price', 'Owen Price'],
    ['sean park', 'Sean Park'],
    ['will cho', 'Will Cho'],
    ['Siobhan', 'Siobhan'],
    ["mary o'neil", "Mary O'neil"],
  ])('reads %s as a name', (text, name) =>
    expect(readExpectedName('name', text, [{ type: 'knowledge', question: text }])).toEqual([
      { type: 'set_name', name },
    ]),
  );

  it('keeps what the brain understood, and refuses sentences and answers', () => {
    const when = [{ type: 'set_when' as const, wish: { time: '10:00' } }];
    expect(readExpectedName('name', 'at ten', when)).toBe(when);
    expect(bareName('yes please')).toBeUndefined();
    expect(bareName('what is the price')).toBeUndefined();
    expect(bareName('call me back tomorrow at 10')).toBeUndefined();
    // Asked for a time, a question about parking stays a question.
    const q = [{ type: 'knowledge' as const, question: 'parking' }];
    expect(readExpectedName('when', 'parking', q)).toBe(q);
    expect(readExpectedName(null, 'owen price', [{ type: 'clarify' }])).toEqual([
      { type: 'clarify' },
    ]);
  });
});
