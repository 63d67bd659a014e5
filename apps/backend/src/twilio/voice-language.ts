import { resolveLanguage, type Tenant } from '@receptionist/domain';

/**
 * The languages the phone line speaks: one voice per language tag, and every sentence the backend
 * says itself (the agent says the rest), so a caller who switched to French hears French from
 * the holding phrase to the goodbye. The conversation's language is always one of the tenant's
 * tags (see resolveLanguage); this file is the one home of what each language sounds like.
 */

/** Amazon Polly neural voices (Twilio `<Say voice="Polly.X">`), one per language tag. */
export const VOICES: Readonly<Record<string, string>> = {
  'en-US': 'Polly.Joanna-Neural',
  'en-GB': 'Polly.Amy-Neural',
  'fr-FR': 'Polly.Lea-Neural',
  'fr-CA': 'Polly.Gabrielle-Neural',
  'es-US': 'Polly.Lupe-Neural',
  'es-ES': 'Polly.Lucia-Neural',
  'es-MX': 'Polly.Mia-Neural',
  'de-DE': 'Polly.Vicki-Neural',
};

const baseOf = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';

/**
 * The voice for one of the tenant's languages: the tenant's own voice for its default language,
 * the table's voice for the others (or one of the same base language for a region it lacks).
 */
export function voiceFor(tenant: Pick<Tenant, 'languages' | 'voice'>, language: string): string {
  if (language === (tenant.languages[0] ?? 'en-US')) return tenant.voice;
  const exact = VOICES[language];
  if (exact) return exact;
  const base = baseOf(language);
  return Object.entries(VOICES).find(([tag]) => baseOf(tag) === base)?.[1] ?? tenant.voice;
}

export interface VoiceTexts {
  reprompt: string;
  noSpeechGoodbye: string;
  holding: string;
  agentDownGoodbye: string;
  agentDownTransfer: string;
  /** Relay mode: the agent's stream broke mid-turn; the caller is asked to repeat. */
  relayTrouble: string;
  lostContext: string;
  noAnswerTakeMessage: string;
  messageThanks: string;
  noMessage: string;
  transferConnected: string;
  /** Said when the business has no greeting of its own in this language. */
  greeting: (business: string) => string;
  /** What the staff member hears before a transfer: in the business's own language. */
  whisper: (business: string, lastDigits: string, summary: string) => string;
  whisperNoSummary: string;
}

type Base = 'en' | 'fr' | 'es';

const TEXTS: Record<Base, VoiceTexts> = {
  en: {
    reprompt: "Sorry, I didn't catch that. Could you say it again?",
    noSpeechGoodbye:
      "I'm having trouble hearing you, so I'll send you a text message and you can reply whenever suits you. Goodbye.",
    holding: 'One moment please.',
    agentDownGoodbye:
      "I'm sorry, I'm having trouble with our system right now. I'll send you a text so we can follow up. Goodbye.",
    agentDownTransfer: "I'm sorry, I'm having trouble right now. Let me connect you with the team.",
    relayTrouble: "I'm sorry, I'm having trouble right now. Could you say that once more?",
    lostContext: "I'm sorry, something went wrong on our side. Please call us again. Goodbye.",
    noAnswerTakeMessage:
      "I'm sorry, nobody could pick up right now. Please tell me your message, and I'll make sure they get it.",
    messageThanks:
      "Thank you, I've passed your message on. Someone will get back to you soon. Goodbye.",
    noMessage: "I didn't hear a message. I'll send you a text so you can reach us. Goodbye.",
    transferConnected: 'Goodbye.',
    greeting: (b) => `Thank you for calling ${b}. How can I help you today?`,
    whisper: (b, d, s) =>
      `Call from ${b}'s line, a caller with a number ending ${d}. ${s} Connecting you now.`,
    whisperNoSummary: 'They asked to speak with someone.',
  },
  fr: {
    reprompt: "Pardon, je n'ai pas bien compris. Pouvez-vous répéter ?",
    noSpeechGoodbye:
      "J'ai du mal à vous entendre, je vais donc vous envoyer un SMS auquel vous pourrez répondre quand vous voulez. Au revoir.",
    holding: 'Un instant, s’il vous plaît.',
    agentDownGoodbye:
      'Toutes mes excuses, notre système rencontre un problème en ce moment. Je vous envoie un SMS pour faire le suivi. Au revoir.',
    agentDownTransfer:
      "Toutes mes excuses, j'ai un souci en ce moment. Je vous mets en relation avec l'équipe.",
    relayTrouble: "Toutes mes excuses, j'ai un souci en ce moment. Pouvez-vous répéter ?",
    lostContext:
      'Toutes mes excuses, un problème est survenu de notre côté. Merci de nous rappeler. Au revoir.',
    noAnswerTakeMessage:
      "Malheureusement, personne n'est disponible pour le moment. Dites-moi votre message, je m'assure qu'il leur soit transmis.",
    messageThanks:
      "Merci, j'ai transmis votre message. Quelqu'un vous recontactera bientôt. Au revoir.",
    noMessage:
      "Je n'ai pas entendu de message. Je vous envoie un SMS pour que vous puissiez nous joindre. Au revoir.",
    transferConnected: 'Au revoir.',
    greeting: (b) => `Merci d'avoir appelé ${b}. Comment puis-je vous aider ?`,
    whisper: (b, d, s) =>
      `Appel sur la ligne de ${b}, d'un numéro se terminant par ${d}. ${s} Je vous mets en relation.`,
    whisperNoSummary: 'La personne souhaite parler à quelqu’un.',
  },
  es: {
    reprompt: 'Perdone, no le he entendido. ¿Puede repetirlo?',
    noSpeechGoodbye:
      'Me cuesta oírle, así que le enviaré un mensaje de texto y podrá responder cuando le venga bien. Adiós.',
    holding: 'Un momento, por favor.',
    agentDownGoodbye:
      'Lo siento, nuestro sistema tiene problemas en este momento. Le enviaré un mensaje de texto para darle seguimiento. Adiós.',
    agentDownTransfer: 'Lo siento, tengo problemas en este momento. Le comunico con el equipo.',
    relayTrouble: 'Lo siento, tengo problemas en este momento. ¿Puede repetirlo, por favor?',
    lostContext:
      'Lo siento, algo salió mal por nuestra parte. Vuelva a llamarnos, por favor. Adiós.',
    noAnswerTakeMessage:
      'Lo siento, nadie puede atender ahora. Dígame su mensaje y me aseguraré de que lo reciban.',
    messageThanks: 'Gracias, he pasado su mensaje. Alguien le contactará pronto. Adiós.',
    noMessage:
      'No he oído ningún mensaje. Le enviaré un mensaje de texto para que pueda contactarnos. Adiós.',
    transferConnected: 'Adiós.',
    greeting: (b) => `Gracias por llamar a ${b}. ¿En qué puedo ayudarle?`,
    whisper: (b, d, s) =>
      `Llamada a la línea de ${b}, de un número que termina en ${d}. ${s} Le comunico ahora.`,
    whisperNoSummary: 'Ha pedido hablar con alguien.',
  },
};

/** The backend's own sentences in a language; English for a language it has none in. */
export function voiceTexts(language: string | null | undefined): VoiceTexts {
  const base = baseOf(language ?? 'en');
  return base === 'fr' || base === 'es' ? TEXTS[base] : TEXTS.en;
}

/** The conversation's language so far: the call's last reply language, else the default. */
export function callLanguage(tenant: Pick<Tenant, 'languages'>, language?: string): string {
  return resolveLanguage(tenant.languages, language);
}

const MAX_GREETING = 500;

/**
 * The greeting in the conversation's language: the tenant's own greeting in its default language,
 * a greeting of its own for another (settings.greetings["fr-CA"]), else our sentence naming it.
 */
export function greetingFor(
  tenant: Pick<Tenant, 'languages' | 'greeting' | 'name' | 'settings'>,
  language: string,
): string {
  if (language === (tenant.languages[0] ?? 'en-US')) return tenant.greeting;
  const own = (tenant.settings.greetings as Record<string, unknown> | undefined)?.[language];
  if (typeof own === 'string' && own.trim() && own.length <= MAX_GREETING) return own;
  return voiceTexts(language).greeting(tenant.name);
}
