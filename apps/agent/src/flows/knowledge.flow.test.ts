import { describe, expect, it } from 'vitest';
import { asksWhoReached } from './knowledge.flow.ts';

const clinic = { name: 'Bright Smile Dental' };

describe('who the caller has reached', () => {
  it.each([
    'hi is this the dentist',
    'Is this Bright Smile Dental?',
    'hello, am I speaking to the dental office?',
    'have i reached bright smile',
    "c'est bien le cabinet ?",
    'is that the right number',
  ])('"%s" asks it', (q) => expect(asksWhoReached(clinic, q)).toBe(true));

  it.each([
    'is it open on saturday',
    'is this covered by my insurance',
    'is that expensive',
    'is this the place where i park',
    'how much is a cleaning',
    'is this the dentist that takes medicaid and has parking for wheelchairs',
  ])('"%s" is another question', (q) => expect(asksWhoReached(clinic, q)).toBe(false));
});
