/**
 * What the phone line says when a limit stops it: a daily budget of the business is spent, or a
 * caller is going faster than any person would. Never silence, never an application error.
 */
export interface LimitTexts {
  /** Too many turns from one caller this minute. */
  slowDown: string;
  /** The assistant's budget for today is spent; the team can still be reached. */
  overBudgetTransfer: string;
  /** The assistant's budget is spent and nobody can be dialled: the caller leaves a message. */
  overBudgetMessage: string;
  /** The agent asked for a transfer that cannot be made (no staff number, or none allowed today). */
  transferUnavailable: string;
}

const TEXTS: Record<'en' | 'fr' | 'es', LimitTexts> = {
  en: {
    slowDown: "Sorry, I'm still working on that. Could you give me a moment and say it again?",
    overBudgetTransfer:
      "I'm sorry, I can't help with more requests by phone today. Let me connect you with the team.",
    overBudgetMessage:
      "I'm sorry, I can't help with more requests by phone today. Please tell me your message and the team will get back to you.",
    transferUnavailable:
      "I can't connect you with someone right now. Please tell me your message and the team will get back to you.",
  },
  fr: {
    slowDown:
      'Pardon, je suis encore en train de traiter votre demande. Pouvez-vous répéter dans un instant ?',
    overBudgetTransfer:
      "Toutes mes excuses, je ne peux plus traiter de demandes par téléphone aujourd'hui. Je vous mets en relation avec l'équipe.",
    overBudgetMessage:
      "Toutes mes excuses, je ne peux plus traiter de demandes par téléphone aujourd'hui. Dites-moi votre message, l'équipe vous recontactera.",
    transferUnavailable:
      "Je ne peux pas vous mettre en relation pour le moment. Dites-moi votre message, l'équipe vous recontactera.",
  },
  es: {
    slowDown: 'Perdone, todavía estoy con su petición. ¿Puede repetirlo en un momento?',
    overBudgetTransfer:
      'Lo siento, hoy ya no puedo atender más peticiones por teléfono. Le comunico con el equipo.',
    overBudgetMessage:
      'Lo siento, hoy ya no puedo atender más peticiones por teléfono. Dígame su mensaje y el equipo le contactará.',
    transferUnavailable:
      'No puedo comunicarle con nadie ahora mismo. Dígame su mensaje y el equipo le contactará.',
  },
};

export function limitTexts(language: string | null | undefined): LimitTexts {
  const base = (language ?? 'en').toLowerCase().split('-')[0];
  return base === 'fr' || base === 'es' ? TEXTS[base] : TEXTS.en;
}
