/**
 * The follow-up texts a contact gets from the worker itself, in each language we write texts in.
 * The one home of these sentences; the channel's own are in channel.texts.ts.
 */
export interface FollowUpTexts {
  /** A lead who did not book: the first, a middle and the last text of the series. */
  lead: (c: { business: string; name: string | null; step: number; of: number }) => string;
  /**
   * The caller of an escalation: when someone will call back; a texter (`byText`), who may be
   * answered by text or by phone, when someone will get back to them.
   */
  callBack: (c: { business: string; withinMinutes: number | null; byText?: boolean }) => string;
}

type Base = 'en' | 'fr' | 'es';

const TEXTS: Record<Base, FollowUpTexts> = {
  en: {
    lead: ({ business, name, step, of }) => {
      const hi = name ? `Hi ${name}, it's ${business}.` : `Hi, it's ${business}.`;
      if (step === 0)
        return `${hi} Thanks for calling us! Would you like to book a time? Just reply to this text. Reply STOP to opt out.`;
      if (step === of - 1)
        return `${hi} One last note from us: if you'd still like an appointment, reply to this text and we'll find you a time. Reply STOP to opt out.`;
      return `${hi} Still thinking about an appointment? Reply with a day that suits you and we'll find a time. Reply STOP to opt out.`;
    },
    callBack: ({ business, withinMinutes, byText }) => {
      const act = byText ? 'get back to you' : 'call you back';
      return withinMinutes
        ? `${business}: we've passed your message to the team; someone will ${act} within about ${withinMinutes} minutes.`
        : `${business}: we've passed your message to the team; someone will ${act} as soon as we open.`;
    },
  },
  fr: {
    lead: ({ business, name, step, of }) => {
      const hi = name ? `Bonjour ${name}, ici ${business}.` : `Bonjour, ici ${business}.`;
      if (step === 0)
        return `${hi} Merci de nous avoir appelés ! Souhaitez-vous prendre rendez-vous ? Répondez simplement à ce message. Répondez STOP pour ne plus recevoir de SMS.`;
      if (step === of - 1)
        return `${hi} Un dernier mot de notre part : si vous souhaitez toujours un rendez-vous, répondez à ce message et nous vous trouverons un créneau. Répondez STOP pour ne plus recevoir de SMS.`;
      return `${hi} Vous pensez toujours à prendre rendez-vous ? Répondez avec le jour qui vous convient et nous trouverons un créneau. Répondez STOP pour ne plus recevoir de SMS.`;
    },
    callBack: ({ business, withinMinutes, byText }) => {
      const act = byText ? 'vous répondra' : 'vous rappellera';
      return withinMinutes
        ? `${business} : nous avons transmis votre message à l'équipe ; quelqu'un ${act} d'ici environ ${withinMinutes} minutes.`
        : `${business} : nous avons transmis votre message à l'équipe ; quelqu'un ${act} dès notre ouverture.`;
    },
  },
  es: {
    lead: ({ business, name, step, of }) => {
      const hi = name ? `Hola ${name}, le escribe ${business}.` : `Hola, le escribe ${business}.`;
      if (step === 0)
        return `${hi} ¡Gracias por llamarnos! ¿Desea reservar una cita? Responda a este mensaje. Responda STOP para dejar de recibir mensajes.`;
      if (step === of - 1)
        return `${hi} Un último mensaje: si todavía desea una cita, responda a este mensaje y le buscaremos un horario. Responda STOP para dejar de recibir mensajes.`;
      return `${hi} ¿Sigue pensando en reservar una cita? Responda con el día que le convenga y le buscaremos un horario. Responda STOP para dejar de recibir mensajes.`;
    },
    callBack: ({ business, withinMinutes, byText }) => {
      const act = byText ? 'le responderá' : 'le devolverá la llamada';
      return withinMinutes
        ? `${business}: hemos pasado su mensaje al equipo; alguien ${act} en unos ${withinMinutes} minutos.`
        : `${business}: hemos pasado su mensaje al equipo; alguien ${act} en cuanto abramos.`;
    },
  },
};

/** The texts in a language tag's base language; English for a language we have none in. */
export function followUpTexts(language: string | null | undefined): FollowUpTexts {
  const base = (language ?? 'en').toLowerCase().split('-')[0];
  return base === 'fr' || base === 'es' ? TEXTS[base] : TEXTS.en;
}
