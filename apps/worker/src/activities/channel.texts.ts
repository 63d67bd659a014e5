import { matchTenantLanguage, resolveLanguage } from '@receptionist/domain';

/**
 * Every text the call and SMS channel writes to a caller itself (the agent writes the rest), in
 * each language we have texts in. The one home of these sentences in the worker; the booking
 * texts live in @receptionist/domain.
 */
export interface ChannelTexts {
  /** The reply to a text the assistant could not answer: the team is told and texts back. */
  smsFallback: string;
  /** The carrier-required answer to START and HELP (STOP is answered by the carrier). */
  keywordStart: (business: string) => string;
  keywordHelp: (business: string) => string;
  /** A call that ended before the caller said anything. */
  missedCall: (business: string) => string;
  /** A call that ended with neither a booking nor a hand-over to the staff. */
  afterCall: (business: string) => string;
}

type Base = 'en' | 'fr' | 'es';

// Carriers and our own keyword reader know STOP and HELP in English: every language names them so.
const TEXTS: Record<Base, ChannelTexts> = {
  en: {
    smsFallback:
      "Thanks for your message! We're having a little trouble right now; someone from our team will text you back shortly.",
    keywordStart: (b) =>
      `${b}: you're subscribed to texts again. Reply HELP for help, STOP to opt out.`,
    keywordHelp: (b) =>
      `${b}: text us here to book or ask a question, or call this number. Reply STOP to opt out.`,
    missedCall: (b) =>
      `Sorry we missed your call at ${b}! Reply to this text and we'll help you book or answer your question.`,
    afterCall: (b) =>
      `Thanks for calling ${b}. If you'd like to book or have another question, just reply to this text.`,
  },
  fr: {
    smsFallback:
      "Merci pour votre message ! Nous avons un petit souci en ce moment ; quelqu'un de notre équipe vous répondra très vite par SMS.",
    keywordStart: (b) =>
      `${b} : vous recevrez de nouveau nos SMS. Répondez HELP pour de l'aide, STOP pour ne plus en recevoir.`,
    keywordHelp: (b) =>
      `${b} : écrivez-nous ici pour prendre rendez-vous ou poser une question, ou appelez ce numéro. Répondez STOP pour ne plus recevoir de SMS.`,
    missedCall: (b) =>
      `${b} : désolés d'avoir manqué votre appel ! Répondez à ce message et nous vous aiderons à prendre rendez-vous ou à trouver une réponse à votre question.`,
    afterCall: (b) =>
      `Merci d'avoir appelé ${b}. Pour prendre rendez-vous ou poser une autre question, répondez simplement à ce message.`,
  },
  es: {
    smsFallback:
      '¡Gracias por su mensaje! En este momento tenemos un pequeño problema; alguien de nuestro equipo le responderá por mensaje en breve.',
    keywordStart: (b) =>
      `${b}: volverá a recibir nuestros mensajes de texto. Responda HELP para obtener ayuda o STOP para dejar de recibirlos.`,
    keywordHelp: (b) =>
      `${b}: escríbanos aquí para reservar una cita o hacernos una pregunta, o llame a este número. Responda STOP para dejar de recibir mensajes.`,
    missedCall: (b) =>
      `${b}: ¡lamentamos no haber podido atender su llamada! Responda a este mensaje y con gusto le ayudamos a reservar una cita o a resolver su pregunta.`,
    afterCall: (b) =>
      `Gracias por llamar a ${b}. Si desea reservar una cita o tiene otra pregunta, responda a este mensaje.`,
  },
};

/** The texts in a language tag's base language; English for a language we have none in. */
export function channelTexts(language: string | null | undefined): ChannelTexts {
  const base = (language ?? 'en').toLowerCase().split('-')[0];
  return base === 'fr' || base === 'es' ? TEXTS[base] : TEXTS.en;
}

/**
 * The language a caller is texted in: the call's own (its last reply's) when there is one, else
 * the contact's (the language they last booked in), else the tenant's first language. Always
 * one of the tenant's tags, so nobody is texted in a language the business does not speak.
 */
export function callerLanguage(
  tenant: { languages: readonly string[] },
  ...candidates: (string | null | undefined)[]
): string {
  for (const tag of candidates) {
    const known = matchTenantLanguage(tenant.languages, tag);
    if (known) return known;
  }
  return resolveLanguage(tenant.languages, null);
}
