import { describe, expect, it } from 'vitest';
import { renderBookingText, type BookingTextInput, type BookingTextKind } from './booking-texts.ts';
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

  it('writes every Spanish text with the time in the tenant timezone and regional clock', () => {
    const es = (kind: BookingTextKind, extra: Partial<BookingTextInput> = {}) =>
      renderBookingText(kind, { ...base, language: 'es-US', ...extra });
    expect(es('payment_link')).toBe(
      'Bright Smile: le reservamos el martes, 5 de marzo a las 10:00 a.m. EST. Para confirmar, pague el depósito de $25.00: https://pay.example/x',
    );
    expect(es('payment_reminder')).toBe(
      'Bright Smile: su reserva del martes, 5 de marzo a las 10:00 a.m. EST vence pronto. Pague el depósito para conservarla: https://pay.example/x',
    );
    expect(es('payment_failed')).toBe(
      'Bright Smile: no se pudo procesar su pago. Puede intentarlo de nuevo con el mismo enlace: https://pay.example/x',
    );
    expect(es('confirmed')).toBe(
      'Bright Smile: su cita quedó confirmada para el martes, 5 de marzo a las 10:00 a.m. EST. ¡Hasta pronto!',
    );
    expect(es('reminder')).toBe(
      'Bright Smile: le recordamos su cita del martes, 5 de marzo a las 10:00 a.m. EST.',
    );
    expect(es('cancelled', { refundMinor: 2500 })).toBe(
      'Bright Smile: su cita del martes, 5 de marzo a las 10:00 a.m. EST fue cancelada. Le reembolsaremos $25.00.',
    );
    // Nothing refunded: no amount is named.
    expect(es('cancelled')).toMatch(/fue cancelada\.$/);
    expect(es('rescheduled')).toBe(
      'Bright Smile: su cita se cambió para el martes, 5 de marzo a las 10:00 a.m. EST.',
    );
    expect(es('review_request')).toBe(
      'Bright Smile: ¡gracias por su visita! ¿Cómo le fue? Cuéntenos respondiendo a este mensaje.',
    );
    const rebook = 'Para reservar otra cita, responda a este mensaje o llámenos.';
    expect(es('hold_expired')).toBe(
      `Bright Smile: su reserva del martes, 5 de marzo a las 10:00 a.m. EST venció y el horario quedó libre. ${rebook}`,
    );
    expect(es('no_show_rebook', { rebookHint: '+1 415 555 0100' })).toBe(
      `Bright Smile: vimos que hoy no pudo llegar a su cita. ${rebook} +1 415 555 0100`,
    );
    expect(es('slot_taken')).toBe(
      `Bright Smile: lo sentimos, el horario del martes, 5 de marzo a las 10:00 a.m. EST acaba de ocuparse. ${rebook}`,
    );
  });

  it('writes Spanish dates and amounts the way each region does', () => {
    // Spain: a 24-hour clock, the tenant's own zone, euros after the amount.
    expect(
      renderBookingText('cancelled', {
        ...base,
        language: 'es-ES',
        timezone: 'Europe/Madrid',
        currency: 'EUR',
        refundMinor: 2500,
      }),
    ).toMatch(
      /^Bright Smile: su cita del martes, 5 de marzo a las 16:00 CET fue cancelada\. Le reembolsaremos 25,00\s€\.$/,
    );
    // Mexico: pesos written with the dollar sign, and the day before in the tenant's zone.
    expect(
      renderBookingText('payment_link', {
        ...base,
        language: 'es-MX',
        timezone: 'America/Mexico_City',
        startsAt: new Date('2030-03-05T05:15:00Z'),
        currency: 'MXN',
        depositMinor: 50000,
      }),
    ).toBe(
      'Bright Smile: le reservamos el lunes, 4 de marzo a las 11:15 p.m. GMT-6. Para confirmar, pague el depósito de $500.00: https://pay.example/x',
    );
    // One o'clock takes the singular article.
    expect(
      renderBookingText('reminder', {
        ...base,
        language: 'es-US',
        startsAt: new Date('2030-03-05T18:30:00Z'),
      }),
    ).toBe('Bright Smile: le recordamos su cita del martes, 5 de marzo a la 1:30 p.m. EST.');
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
