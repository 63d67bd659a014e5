import { describe, expect, it } from 'vitest';
import { renderBookingText, type BookingTextKind } from './booking-texts.ts';
import { matchTenantLanguage, resolveLanguage } from './language.ts';

const base = {
  tenantName: 'Bright Smile',
  timezone: 'America/New_York',
  // Tuesday 5 March 2030, 10:00 in New York.
  startsAt: new Date('2030-03-05T15:00:00Z'),
  checkoutUrl: 'https://pay.example/x',
  depositMinor: 2500,
  currency: 'USD',
};

describe('booking texts in the caller language', () => {
  it('confirms, reminds, cancels and moves in French with the time in the tenant timezone', () => {
    expect(renderBookingText('confirmed', { ...base, language: 'fr-FR' })).toBe(
      'Bright Smile : votre rendez-vous du mardi 5 mars à 10:00 UTC−5 est confirmé. À bientôt !',
    );
    // A Canadian tag keeps its own way of writing the hour.
    expect(renderBookingText('reminder', { ...base, language: 'fr-CA' })).toBe(
      'Bright Smile : rappel de votre rendez-vous du mardi 5 mars à 10 h 00 HNE.',
    );
    expect(
      renderBookingText('cancelled', { ...base, language: 'fr-CA', refundMinor: 2500 }),
    ).toMatch(/ 25,00\s\$\sUS vous seront remboursés\.$/);
    expect(renderBookingText('rescheduled', { ...base, language: 'fr-FR' })).toContain(
      'déplacé au mardi 5 mars',
    );
    expect(renderBookingText('payment_link', { ...base, language: 'fr-FR' })).toMatch(
      /Réglez l'acompte de 25,00\s\$US pour confirmer : https:\/\/pay\.example\/x$/,
    );
  });

  it('writes Spanish texts for es-US and es-ES', () => {
    expect(renderBookingText('confirmed', { ...base, language: 'es-US' })).toBe(
      'Bright Smile: su cita está confirmada para martes, 5 de marzo, 10:00 a.m. EST. ¡Hasta pronto!',
    );
    expect(renderBookingText('reminder', { ...base, language: 'es-ES' })).toContain(
      'martes, 5 de marzo',
    );
  });

  it('has every text in every language, and falls back to English for a language it lacks', () => {
    const kinds: BookingTextKind[] = [
      'payment_link',
      'payment_reminder',
      'payment_failed',
      'hold_expired',
      'confirmed',
      'reminder',
      'cancelled',
      'rescheduled',
      'review_request',
      'no_show_rebook',
      'slot_taken',
    ];
    for (const language of ['en-US', 'fr-FR', 'es-ES', 'de-DE'])
      for (const kind of kinds)
        expect(renderBookingText(kind, { ...base, language })).toMatch(/^Bright Smile ?:/);
    // Italian has no texts: the whole text is English, the date too.
    expect(renderBookingText('confirmed', { ...base, language: 'it-IT' })).toBe(
      "Bright Smile: you're booked for Tuesday, March 5 at 10:00 AM EST. See you then!",
    );
    expect(renderBookingText('confirmed', { ...base, language: 'not a tag' })).toContain(
      "you're booked",
    );
  });
});

describe('tenant languages', () => {
  const languages = ['en-US', 'fr-CA', 'es-US'];
  it('maps a tag onto one of the tenant tags, by base language when the region differs', () => {
    expect(matchTenantLanguage(languages, 'fr-CA')).toBe('fr-CA');
    expect(matchTenantLanguage(languages, 'FR-fr')).toBe('fr-CA');
    expect(matchTenantLanguage(languages, 'es')).toBe('es-US');
    expect(matchTenantLanguage(languages, 'de-DE')).toBeNull();
    expect(matchTenantLanguage(languages, 'x'.repeat(40))).toBeNull();
    expect(resolveLanguage(languages, 'de-DE')).toBe('en-US');
    expect(resolveLanguage(languages, undefined)).toBe('en-US');
    expect(resolveLanguage([], 'fr')).toBe('en-US');
  });
});
