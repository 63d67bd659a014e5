import { describe, expect, it } from 'vitest';
import { inLanguage, offeredTimes } from './reply-reading.ts';

describe('reading replies', () => {
  it('finds offered times said with am/pm, in order, and not prices or dates', () => {
    expect(
      offeredTimes('I have 9:00 AM, 10:30 a.m. or 2 PM on Tuesday the 15th; a cleaning is $120.'),
    ).toEqual([540, 630, 840]);
    expect(offeredTimes('How about noon, or 3pm?')).toEqual([900, 720]);
    expect(offeredTimes('We are open 9 to 5.')).toEqual([]);
    expect(offeredTimes('Tomorrow at 9 AM, or Thursday at 9 AM')).toEqual([540, 540]);
  });

  it('tells a French or Spanish reply from an English one', () => {
    expect(inLanguage('Bien sûr, je vous propose mercredi à 10 heures.', 'fr')).toBe(true);
    expect(inLanguage('Claro, su cita es el miércoles a las 10.', 'es')).toBe(true);
    expect(inLanguage('Sure, I can book you for Wednesday at 10.', 'fr')).toBe(false);
    expect(
      inLanguage(
        'Estamos en 250 Market Street, oficina 4, con estacionamiento gratuito detrás del edificio. ¿Quiere que le busque una hora?',
        'es',
      ),
    ).toBe(true);
    expect(inLanguage('De nada. ¿Le puedo ayudar en algo más?', 'es')).toBe(true);
    expect(inLanguage('Avec plaisir. Puis-je vous aider pour autre chose ?', 'fr')).toBe(true);
    expect(inLanguage('You are welcome. Anything else I can help with?', 'es')).toBe(false);
  });
});
