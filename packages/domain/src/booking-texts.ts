import { formatMoney } from './money.ts';

/** Every text the booking lifecycle sends; each is rendered in the tenant's language and timezone. */
export type BookingTextKind =
  | 'payment_link'
  | 'payment_reminder'
  | 'payment_failed'
  | 'hold_expired'
  | 'confirmed'
  | 'reminder'
  | 'cancelled'
  | 'rescheduled'
  | 'review_request'
  | 'no_show_rebook'
  | 'slot_taken';

export interface BookingTextInput {
  tenantName: string;
  /** BCP 47, e.g. en-US, fr-CA, es-ES, de-DE; unknown languages fall back to English. */
  language: string;
  timezone: string;
  startsAt: Date;
  checkoutUrl?: string;
  depositMinor?: number;
  refundMinor?: number;
  currency?: string;
  /** Where the caller can book again (the business's number or booking page). */
  rebookHint?: string;
}

type Lang = 'en' | 'fr' | 'es' | 'de';
type Render = (i: BookingTextInput, when: string, money: (m?: number) => string) => string;

const TEXTS: Record<Lang, Record<BookingTextKind, Render>> = {
  en: {
    payment_link: (i, w, m) =>
      `${i.tenantName}: we're holding ${w} for you. Pay the ${m(i.depositMinor)} deposit to confirm: ${i.checkoutUrl}`,
    payment_reminder: (i, w) =>
      `${i.tenantName}: your hold on ${w} expires soon. Pay the deposit to keep it: ${i.checkoutUrl}`,
    payment_failed: (i) =>
      `${i.tenantName}: your payment didn't go through. You can try again with the same link: ${i.checkoutUrl}`,
    hold_expired: (i, w) =>
      `${i.tenantName}: the hold on ${w} has expired and the time was released. ${rebook(i, 'en')}`,
    confirmed: (i, w) => `${i.tenantName}: you're booked for ${w}. See you then!`,
    reminder: (i, w) => `${i.tenantName}: reminder of your appointment on ${w}.`,
    cancelled: (i, w, m) =>
      `${i.tenantName}: your appointment on ${w} is cancelled.` +
      (i.refundMinor ? ` ${m(i.refundMinor)} will be refunded.` : ''),
    rescheduled: (i, w) => `${i.tenantName}: your appointment is moved to ${w}.`,
    review_request: (i) =>
      `${i.tenantName}: thanks for visiting! Would you tell us how it went? Just reply to this text.`,
    no_show_rebook: (i) => `${i.tenantName}: we missed you today. ${rebook(i, 'en')}`,
    slot_taken: (i, w) => `${i.tenantName}: sorry, ${w} was just taken. ${rebook(i, 'en')}`,
  },
  fr: {
    payment_link: (i, w, m) =>
      `${i.tenantName} : nous vous réservons le ${w}. Réglez l'acompte de ${m(i.depositMinor)} pour confirmer : ${i.checkoutUrl}`,
    payment_reminder: (i, w) =>
      `${i.tenantName} : votre réservation du ${w} expire bientôt. Réglez l'acompte pour la garder : ${i.checkoutUrl}`,
    payment_failed: (i) =>
      `${i.tenantName} : votre paiement n'a pas abouti. Vous pouvez réessayer avec le même lien : ${i.checkoutUrl}`,
    hold_expired: (i, w) =>
      `${i.tenantName} : la réservation du ${w} a expiré et le créneau a été libéré. ${rebook(i, 'fr')}`,
    confirmed: (i, w) => `${i.tenantName} : votre rendez-vous du ${w} est confirmé. À bientôt !`,
    reminder: (i, w) => `${i.tenantName} : rappel de votre rendez-vous du ${w}.`,
    cancelled: (i, w, m) =>
      `${i.tenantName} : votre rendez-vous du ${w} est annulé.` +
      (i.refundMinor ? ` ${m(i.refundMinor)} vous seront remboursés.` : ''),
    rescheduled: (i, w) => `${i.tenantName} : votre rendez-vous est déplacé au ${w}.`,
    review_request: (i) =>
      `${i.tenantName} : merci de votre visite ! Comment cela s'est-il passé ? Répondez simplement à ce message.`,
    no_show_rebook: (i) =>
      `${i.tenantName} : nous ne vous avons pas vu aujourd'hui. ${rebook(i, 'fr')}`,
    slot_taken: (i, w) =>
      `${i.tenantName} : désolé, le créneau du ${w} vient d'être pris. ${rebook(i, 'fr')}`,
  },
  // Neutral Spanish for Latin America and Spain alike: usted, "cita", "depósito", no vosotros.
  es: {
    payment_link: (i, w, m) =>
      `${i.tenantName}: le reservamos el ${w}. Para confirmar, pague el depósito de ${m(i.depositMinor)}: ${i.checkoutUrl}`,
    payment_reminder: (i, w) =>
      `${i.tenantName}: su reserva del ${w} vence pronto. Pague el depósito para conservarla: ${i.checkoutUrl}`,
    payment_failed: (i) =>
      `${i.tenantName}: no se pudo procesar su pago. Puede intentarlo de nuevo con el mismo enlace: ${i.checkoutUrl}`,
    hold_expired: (i, w) =>
      `${i.tenantName}: su reserva del ${w} venció y el horario quedó libre. ${rebook(i, 'es')}`,
    confirmed: (i, w) => `${i.tenantName}: su cita quedó confirmada para el ${w}. ¡Hasta pronto!`,
    reminder: (i, w) => `${i.tenantName}: le recordamos su cita del ${w}.`,
    cancelled: (i, w, m) =>
      `${i.tenantName}: su cita del ${w} fue cancelada.` +
      (i.refundMinor ? ` Le reembolsaremos ${m(i.refundMinor)}.` : ''),
    rescheduled: (i, w) => `${i.tenantName}: su cita se cambió para el ${w}.`,
    review_request: (i) =>
      `${i.tenantName}: ¡gracias por su visita! ¿Cómo le fue? Cuéntenos respondiendo a este mensaje.`,
    no_show_rebook: (i) =>
      `${i.tenantName}: vimos que hoy no pudo llegar a su cita. ${rebook(i, 'es')}`,
    slot_taken: (i, w) =>
      `${i.tenantName}: lo sentimos, el horario del ${w} acaba de ocuparse. ${rebook(i, 'es')}`,
  },
  de: {
    payment_link: (i, w, m) =>
      `${i.tenantName}: wir halten ${w} für Sie frei. Zahlen Sie die Anzahlung von ${m(i.depositMinor)} zur Bestätigung: ${i.checkoutUrl}`,
    payment_reminder: (i, w) =>
      `${i.tenantName}: Ihre Reservierung für ${w} läuft bald ab. Zahlen Sie die Anzahlung: ${i.checkoutUrl}`,
    payment_failed: (i) =>
      `${i.tenantName}: Ihre Zahlung ist fehlgeschlagen. Versuchen Sie es mit demselben Link erneut: ${i.checkoutUrl}`,
    hold_expired: (i, w) =>
      `${i.tenantName}: die Reservierung für ${w} ist abgelaufen. ${rebook(i, 'de')}`,
    confirmed: (i, w) => `${i.tenantName}: Ihr Termin am ${w} ist bestätigt. Bis dann!`,
    reminder: (i, w) => `${i.tenantName}: Erinnerung an Ihren Termin am ${w}.`,
    cancelled: (i, w, m) =>
      `${i.tenantName}: Ihr Termin am ${w} ist storniert.` +
      (i.refundMinor ? ` ${m(i.refundMinor)} werden erstattet.` : ''),
    rescheduled: (i, w) => `${i.tenantName}: Ihr Termin wurde auf ${w} verschoben.`,
    review_request: (i) =>
      `${i.tenantName}: danke für Ihren Besuch! Wie war es? Antworten Sie einfach auf diese SMS.`,
    no_show_rebook: (i) => `${i.tenantName}: wir haben Sie heute vermisst. ${rebook(i, 'de')}`,
    slot_taken: (i, w) => `${i.tenantName}: leider wurde ${w} gerade vergeben. ${rebook(i, 'de')}`,
  },
};

function rebook(i: BookingTextInput, lang: Lang): string {
  const how = i.rebookHint ? ` ${i.rebookHint}` : '';
  if (lang === 'fr')
    return `Pour reprendre rendez-vous, répondez à ce message ou appelez-nous.${how}`;
  if (lang === 'es') return `Para reservar otra cita, responda a este mensaje o llámenos.${how}`;
  if (lang === 'de')
    return `Für einen neuen Termin antworten Sie einfach oder rufen Sie uns an.${how}`;
  return `To book again, reply to this text or give us a call.${how}`;
}

function langOf(language: string): Lang {
  const base = language.toLowerCase().split('-')[0];
  return base === 'fr' || base === 'es' || base === 'de' ? base : 'en';
}

/**
 * The locale dates and amounts are written in: the text's own language (a regional tag keeps its
 * region: 10 h 00 in fr-CA, 10:00 in fr-FR), English for a language we have no texts in.
 */
function localeOf(language: string): string {
  const lang = langOf(language);
  if (language.toLowerCase().split('-')[0] !== lang) return 'en-US';
  try {
    return Intl.getCanonicalLocales(language)[0] ?? lang;
  } catch {
    return lang;
  }
}

/** The appointment time as the caller reads it: the tenant's timezone and language. */
export function formatAppointmentTime(startsAt: Date, language: string, timezone: string): string {
  const locale = localeOf(language);
  if (langOf(language) === 'es') return spanishTime(startsAt, locale, timezone);
  return new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(startsAt);
}

/**
 * Intl writes Spanish as "martes, 5 de marzo, 10:00 a.m. EST"; a person writes "martes, 5 de marzo
 * a las 10:00 a.m. EST" ("a la 1:00" for one o'clock). Both halves still come from Intl, so the
 * region keeps its clock (10:00 a.m. in es-US, 16:00 in es-ES) and its zone names.
 */
function spanishTime(startsAt: Date, locale: string, timezone: string): string {
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(startsAt);
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const hour = time.formatToParts(startsAt).find((p) => p.type === 'hour')?.value;
  return `${day} ${hour === '1' ? 'a la' : 'a las'} ${time.format(startsAt)}`;
}

export function renderBookingText(kind: BookingTextKind, input: BookingTextInput): string {
  const lang = langOf(input.language);
  const when = formatAppointmentTime(input.startsAt, input.language, input.timezone);
  const money = (m?: number) =>
    formatMoney(
      { amountMinor: m ?? 0, currency: input.currency ?? 'USD' },
      localeOf(input.language),
    );
  return TEXTS[lang][kind](input, when, money);
}
