// Held out: French and Spanish callers.
import { call, CLEANING, cleaning } from '../../runner/scenario.types.ts';

const ml = { tenant: 'multilingual' as const };

export const scenarios = [
  call(
    'fr-ho-cancel',
    'multilingual',
    'French: cancels an existing appointment.',
    ['bonjour je voudrais annuler mon rendez-vous de {nextThu:fr}', 'oui', 'merci'],
    { booking: 'none', fixtures: { 0: 'cancelled' }, replyLanguage: 'fr' },
    { ...ml, fixtures: [{ service: CLEANING, day: 'nextThu', at: '10:00' }] },
  ),
  call(
    'fr-ho-hours',
    'multilingual',
    'French: opening hours.',
    ['quels sont vos horaires', 'merci'],
    {
      booking: 'none',
      replyAnyOf: ['17', 'cinq', '5 h', '5h', '5 pm', '5pm', '5:00'],
      replyLanguage: 'fr',
    },
    ml,
  ),
  call(
    'fr-ho-booking-date',
    'multilingual',
    'French: a cleaning on a date at 11.',
    [
      'rendez-vous pour un détartrage {dayOfMonthNextWeek:fr} à 11 heures',
      'paul martin',
      'oui',
      'non merci',
    ],
    { booking: cleaning('dayOfMonthNextWeek', '11:00'), replyLanguage: 'fr' },
    ml,
  ),
  call(
    'es-ho-cancel',
    'multilingual',
    'Spanish: cancels an existing appointment.',
    ['quiero cancelar mi cita {nextWed:es}', 'sí', 'gracias'],
    { booking: 'none', fixtures: { 0: 'cancelled' }, replyLanguage: 'es' },
    { ...ml, fixtures: [{ service: CLEANING, day: 'nextWed', at: '15:00' }] },
  ),
  call(
    'es-ho-insurance',
    'multilingual',
    'Spanish: Cigna.',
    ['aceptan el seguro cigna', 'gracias'],
    { booking: 'none', replyAnyOf: ['cigna'], replyLanguage: 'es' },
    ml,
  ),
];
