import { describe, expect, it } from 'vitest';
import { spokenClock, spokenLanguageOf, spokenTime, spokenWeekday } from './spoken-time.ts';

const tz = 'Europe/Paris';
const NOW = new Date('2026-11-30T08:00:00Z'); // Monday 09:00 in Paris
const at = (iso: string, lang: 'en' | 'fr' | 'es') => spokenTime(new Date(iso), tz, NOW, lang);

describe('spoken time in French and Spanish', () => {
  it('says today, tomorrow and a weekday within the week as people do', () => {
    expect(at('2026-11-30T14:00:00Z', 'fr')).toBe("aujourd'hui à 15 h");
    expect(at('2026-12-01T09:00:00Z', 'fr')).toBe('demain à 10 h');
    expect(at('2026-12-03T13:30:00Z', 'fr')).toBe('jeudi à 14 h 30');
    expect(at('2026-12-01T11:00:00Z', 'fr')).toBe('demain à midi');
    expect(at('2026-11-30T14:00:00Z', 'es')).toBe('hoy a las 3 de la tarde');
    expect(at('2026-12-01T09:00:00Z', 'es')).toBe('mañana a las 10 de la mañana');
    expect(at('2026-12-03T13:30:00Z', 'es')).toBe('el jueves a las 2:30 de la tarde');
    expect(at('2026-12-03T12:00:00Z', 'es')).toBe('el jueves a la 1 de la tarde');
  });

  it('names the date beyond the week, in the tenant timezone', () => {
    expect(at('2026-12-10T13:30:00Z', 'fr')).toBe('jeudi 10 décembre à 14 h 30');
    expect(at('2027-01-01T08:05:00Z', 'fr')).toBe('vendredi 1er janvier à 9 h 05');
    expect(at('2026-12-10T13:30:00Z', 'es')).toBe(
      'el jueves 10 de diciembre a las 2:30 de la tarde',
    );
    // 23:30Z on the 9th is already the 10th in Paris.
    expect(at('2026-12-09T23:30:00Z', 'es')).toBe(
      'el jueves 10 de diciembre a las 12:30 de la noche',
    );
  });

  it('keeps English as it was, and English stays the default', () => {
    expect(at('2026-12-10T13:30:00Z', 'en')).toBe('Thursday, December 10 at 2:30 PM');
    expect(spokenTime(new Date('2026-12-01T09:00:00Z'), tz, NOW)).toBe('tomorrow at 10 AM');
  });
});

describe('spoken clock and weekday', () => {
  it('says a closing time on its own', () => {
    expect(spokenClock('13:00')).toBe('1 PM');
    expect(spokenClock('00:30')).toBe('12:30 AM');
    expect(spokenClock('13:00', 'fr')).toBe('13 h');
    expect(spokenClock('00:00', 'fr')).toBe('minuit');
    expect(spokenClock('13:00', 'es')).toBe('la 1 de la tarde');
    expect(spokenClock('12:15', 'es')).toBe('las 12:15 del mediodía');
    expect(spokenClock('21:00', 'es')).toBe('las 9 de la noche');
    expect(spokenClock('03:00', 'es')).toBe('las 3 de la madrugada');
  });

  it('names weekdays, once or as a habit', () => {
    expect(spokenWeekday('sat')).toBe('Saturday');
    expect(spokenWeekday('sat', 'fr')).toBe('samedi');
    expect(spokenWeekday('wed', 'es')).toBe('miércoles');
    expect(spokenWeekday('sat', 'en', 'every')).toBe('Saturdays');
    expect(spokenWeekday('sun', 'fr', 'every')).toBe('le dimanche');
    expect(spokenWeekday('sat', 'es', 'every')).toBe('los sábados');
    expect(spokenWeekday('mon', 'es', 'every')).toBe('los lunes');
  });

  it('maps a BCP 47 tag to the language times are said in', () => {
    expect(spokenLanguageOf('fr-CA')).toBe('fr');
    expect(spokenLanguageOf('es-US')).toBe('es');
    expect(spokenLanguageOf('de-DE')).toBe('en');
    expect(spokenLanguageOf(undefined)).toBe('en');
  });
});
