// French and Spanish callers to a business that speaks en-US, fr-FR and es-US: they book and ask
// in their language and are answered in it.
import { call, cleaning, whitening } from '../../runner/scenario.types.ts';

const ml = { tenant: 'multilingual' as const };

export const scenarios = [
  call(
    'fr-booking-cleaning',
    'multilingual',
    'French: a cleaning at 10, name, yes.',
    [
      'bonjour je voudrais prendre rendez-vous pour un nettoyage {nextWed:fr} à 10 heures',
      "je m'appelle claire dubois",
      "oui c'est parfait",
      'non merci au revoir',
    ],
    { booking: cleaning('nextWed', '10:00'), replyLanguage: 'fr' },
    ml,
  ),
  call(
    'fr-faq-price',
    'multilingual',
    'French: the price of a cleaning.',
    ['bonjour combien coûte un nettoyage', 'merci beaucoup'],
    { booking: 'none', replyAnyOf: ['120'], replyLanguage: 'fr' },
    ml,
  ),
  call(
    'fr-faq-insurance',
    'multilingual',
    'French: Delta Dental.',
    ["est-ce que vous acceptez l'assurance delta dental", 'merci'],
    { booking: 'none', replyAnyOf: ['delta'], replyLanguage: 'fr' },
    ml,
  ),
  call(
    'fr-booking-whitening',
    'multilingual',
    'French: whitening at 14 h.',
    [
      'je voudrais un blanchiment des dents {nextThu:fr} à 14 heures',
      'marie laurent',
      'oui',
      'non merci',
    ],
    { booking: whitening('nextThu', '14:00'), replyLanguage: 'fr' },
    ml,
  ),
  call(
    'fr-faq-location',
    'multilingual',
    'French: where the practice is.',
    ['où êtes-vous situés', 'merci au revoir'],
    { booking: 'none', replyAnyOf: ['250', 'market'], replyLanguage: 'fr' },
    ml,
  ),
  call(
    'es-booking-cleaning',
    'multilingual',
    'Spanish: a cleaning at 10, name, yes.',
    [
      'hola quiero hacer una cita para una limpieza para {nextWed:es} a las 10 de la mañana',
      'me llamo carlos garcía',
      'sí',
      'no gracias adiós',
    ],
    { booking: cleaning('nextWed', '10:00'), replyLanguage: 'es' },
    ml,
  ),
  call(
    'es-faq-price',
    'multilingual',
    'Spanish: the price of a cleaning.',
    ['hola cuánto cuesta una limpieza', 'gracias'],
    { booking: 'none', replyAnyOf: ['120'], replyLanguage: 'es' },
    ml,
  ),
  call(
    'es-faq-parking',
    'multilingual',
    'Spanish: parking.',
    ['tienen estacionamiento', 'muchas gracias'],
    {
      booking: 'none',
      replyAnyOf: ['estacionamiento', 'aparcamiento', 'parking'],
      replyLanguage: 'es',
    },
    ml,
  ),
  call(
    'es-booking-asap',
    'multilingual',
    'Spanish: a cleaning as soon as possible, the first one.',
    ['necesito una cita {asap:es} para una limpieza', 'la primera', 'ana torres', 'sí'],
    { booking: cleaning('asap'), replyLanguage: 'es' },
    ml,
  ),
  call(
    'es-booking-whitening',
    'multilingual',
    'Spanish: whitening at 11.',
    [
      'quiero blanquear mis dientes {nextFri:es} a las 11',
      'luis martínez',
      'sí por favor',
      'no gracias',
    ],
    { booking: whitening('nextFri', '11:00'), replyLanguage: 'es' },
    ml,
  ),
];
