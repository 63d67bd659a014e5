// The voicemail left for a contact after the beep, in the business's languages.
import type { OutboundPurpose } from '@receptionist/db';

type Lang = 'en' | 'fr' | 'es';
const WHY: Record<Lang, Record<OutboundPurpose, string>> = {
  en: {
    reminder: 'about your upcoming appointment',
    reactivation: 'because it has been a while since your last visit',
    follow_up: 'to follow up on your recent conversation with us',
    callback: 'to return your call',
  },
  fr: {
    reminder: 'au sujet de votre prochain rendez-vous',
    reactivation: 'car cela fait un moment depuis votre dernière visite',
    follow_up: 'pour faire suite à votre récent échange avec nous',
    callback: 'pour vous rappeler',
  },
  es: {
    reminder: 'sobre su próxima cita',
    reactivation: 'porque hace tiempo desde su última visita',
    follow_up: 'para dar seguimiento a su conversación reciente con nosotros',
    callback: 'para devolverle la llamada',
  },
};
const BODY: Record<Lang, (who: string, name: string, why: string) => string> = {
  en: (who, name, why) =>
    `Hello${who ? ` ${who}` : ''}, this is ${name} calling ${why}. Please call us back at this number, or reply to our text. Thank you!`,
  fr: (who, name, why) =>
    `Bonjour${who ? ` ${who}` : ''}, ici ${name}, nous vous appelons ${why}. Rappelez-nous à ce numéro ou répondez à notre texto. Merci !`,
  es: (who, name, why) =>
    `Hola${who ? ` ${who}` : ''}, le llama ${name} ${why}. Llámenos a este número o responda a nuestro mensaje. ¡Gracias!`,
};

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`,
  );

/**
 * The tenant's own voicemail text when set (`settings.voicemailMessage`, a string or a map of
 * language tags), else ours in the language; as TwiML said once, then the call hangs up.
 */
export function voicemailTwiml(v: {
  language: string;
  purpose: OutboundPurpose;
  tenantName: string;
  contactName: string | null;
  settings: Record<string, unknown>;
}): string {
  const lang = (['en', 'fr', 'es'] as const).find((l) => v.language.toLowerCase().startsWith(l));
  const custom = v.settings.voicemailMessage;
  const own =
    typeof custom === 'string'
      ? custom
      : custom && typeof custom === 'object'
        ? (custom as Record<string, unknown>)[v.language]
        : undefined;
  const l = lang ?? 'en';
  const text =
    typeof own === 'string' && own.trim()
      ? own.slice(0, 1000)
      : BODY[l](v.contactName?.split(' ')[0] ?? '', v.tenantName, WHY[l][v.purpose]);
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Say language="${escapeXml(v.language)}">${escapeXml(text)}</Say><Hangup/></Response>`;
}
