import { z } from 'zod';

/**
 * Twilio's stand-ins for a caller ID that is not there: a withheld, restricted, blocked,
 * unavailable or unknown number arrives as one of these (or as "anonymous", a short code, or an
 * empty From). None of them is a person we can text or recognise.
 */
export const TWILIO_WITHHELD_NUMBERS = new Set([
  '+266696687', // "anonymous"
  '+7378742833', // "restricted"
  '+2562533', // "blocked"
  '+8656696', // "unavailable"
  '+86282452253', // "unknown"
]);

/** What a withheld caller is filed under: Twilio's own "anonymous" number, never texted back. */
export const WITHHELD_CALLER = '+266696687';

const E164 = /^\+[1-9]\d{6,14}$/;

/** The From of a call as Twilio sends it: any short text, so an odd caller ID is still answered. */
export const fromField = z.string().max(64).optional();

/** The caller's number, or null when the caller ID is withheld or not a phone number. */
export function callerNumber(from: string | undefined): string | null {
  const v = (from ?? '').trim();
  if (!E164.test(v) || TWILIO_WITHHELD_NUMBERS.has(v)) return null;
  return v;
}
