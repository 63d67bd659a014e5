import { describe, expect, it } from 'vitest';
import { destinationAllowed, phoneCountry } from './phone-country.ts';

describe('phoneCountry', () => {
  it('reads the country from the calling code, the Caribbean and premium lines of +1 apart', () => {
    expect(phoneCountry('+14155550123')).toBe('US');
    expect(phoneCountry('+14165550123')).toBe('CA');
    expect(phoneCountry('+18765550123')).toBe('JM');
    expect(phoneCountry('+12845550123')).toBe('VG');
    expect(phoneCountry('+19005550123')).toBeNull();
    expect(phoneCountry('+19765550123')).toBeNull();
    expect(phoneCountry('+447700900123')).toBe('GB');
    expect(phoneCountry('+33612345678')).toBe('FR');
    expect(phoneCountry('+351912345678')).toBe('PT');
    expect(phoneCountry('+74951234567')).toBe('RU');
    expect(phoneCountry('+88212345678')).toBeNull();
    expect(phoneCountry('anonymous')).toBeNull();
  });

  it("allows the business's own country by default, the listed ones when configured", () => {
    const own = { businessPhone: '+14155550100' };
    expect(destinationAllowed('+12125550123', own)).toBe(true);
    expect(destinationAllowed('+447700900123', own)).toBe(false);
    expect(destinationAllowed('+18765550123', own)).toBe(false);
    expect(destinationAllowed('+19005550123', own)).toBe(false);
    expect(destinationAllowed('+12125550123', {})).toBe(false);
    const listed = { ...own, allowedCountries: ['GB', 'CA'] };
    expect(destinationAllowed('+447700900123', listed)).toBe(true);
    expect(destinationAllowed('+12125550123', listed)).toBe(false);
    expect(destinationAllowed('+19005550123', { allowedCountries: ['US'] })).toBe(false);
  });
});
