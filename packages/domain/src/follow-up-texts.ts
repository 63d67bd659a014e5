import { formatAppointmentTime } from './booking-texts.ts';

/** Texts of the after-appointment and waitlist workflows, in English, French and Spanish. */
export type FollowUpTextKind = 'review_link' | 'waitlist_offer' | 'waitlist_gone';

export interface FollowUpTextInput {
  tenantName: string;
  /** BCP 47; a language without texts here is written in English. */
  language: string;
  timezone: string;
  reviewUrl?: string;
  /** The offered slot (waitlist). */
  startsAt?: Date;
  replyMinutes?: number;
}

type Lang = 'en' | 'fr' | 'es';
type Render = (i: FollowUpTextInput, when: string) => string;

const TEXTS: Record<Lang, Record<FollowUpTextKind, Render>> = {
  en: {
    review_link: (i) =>
      `${i.tenantName}: thanks for visiting! If you have a minute, a review helps us a lot: ${i.reviewUrl}`,
    waitlist_offer: (i, w) =>
      `${i.tenantName}: a spot opened on ${w}. Reply YES within ${i.replyMinutes} minutes to take it.`,
    waitlist_gone: (i) =>
      `${i.tenantName}: sorry, that spot has gone to someone else. You stay on our waitlist.`,
  },
  fr: {
    review_link: (i) =>
      `${i.tenantName} : merci de votre visite ! Si vous avez une minute, un avis nous aide beaucoup : ${i.reviewUrl}`,
    waitlist_offer: (i, w) =>
      `${i.tenantName} : une place s'est libérée le ${w}. Répondez OUI dans les ${i.replyMinutes} minutes pour la prendre.`,
    waitlist_gone: (i) =>
      `${i.tenantName} : désolé, cette place a été attribuée. Vous restez sur notre liste d'attente.`,
  },
  es: {
    review_link: (i) =>
      `${i.tenantName}: ¡gracias por su visita! Si tiene un minuto, su reseña nos ayuda mucho: ${i.reviewUrl}`,
    waitlist_offer: (i, w) =>
      `${i.tenantName}: se liberó un horario el ${w}. Responda SÍ en los próximos ${i.replyMinutes} minutos para tomarlo.`,
    waitlist_gone: (i) =>
      `${i.tenantName}: lo sentimos, ese horario ya fue asignado. Sigue en nuestra lista de espera.`,
  },
};

function langOf(language: string): Lang {
  const base = language.toLowerCase().split('-')[0];
  return base === 'fr' || base === 'es' ? base : 'en';
}

export function renderFollowUpText(kind: FollowUpTextKind, input: FollowUpTextInput): string {
  const lang = langOf(input.language);
  // A language without texts here gets English sentences, so its dates are English too.
  const dateLanguage = lang === 'en' ? 'en-US' : input.language;
  const when = input.startsAt
    ? formatAppointmentTime(input.startsAt, dateLanguage, input.timezone)
    : '';
  return TEXTS[lang][kind](input, when);
}
