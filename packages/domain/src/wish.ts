import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const isoDate = z.iso.date();

/**
 * When the caller wants to come, as loosely as they said it. Every field is optional: "tomorrow"
 * is `{date}`, "around ten" `{time:'10:00', approx:true}`, "Thursday afternoon"
 * `{date, after:'12:00', before:'17:00'}`, "after 4" `{after:'16:00'}`, "next week"
 * `{date:<next Monday>, days:7}`, "as soon as possible" `{earliest:true}`.
 */
export const wishSchema = z.strictObject({
  /** First local date (YYYY-MM-DD) in the tenant's timezone. */
  date: isoDate.optional(),
  /** How many days from `date` the caller would take (1 when omitted and `date` is set). */
  days: z.number().int().min(1).max(31).optional(),
  /** A precise time of day, local. */
  time: hhmm.optional(),
  /** "around", "about", "ish": nearest times first rather than that exact time only. */
  approx: z.boolean().optional(),
  /** Window of the day, local, half-open: starts at or after `after`, before `before`. */
  after: hhmm.optional(),
  before: hhmm.optional(),
  /** "earliest", "as soon as possible", "first available". */
  earliest: z.boolean().optional(),
  /**
   * "An hour later", "push it back a day": minutes from the time being talked about (the
   * appointment being moved, else the time picked or first offered). The flow turns it into a
   * date and time before any search.
   */
  shiftMinutes: z.number().int().min(-10080).max(10080).optional(),
  /** "Earlier on Wednesday", "later that day": before or after that same time of day. */
  relative: z.enum(['earlier', 'later']).optional(),
});
export type Wish = z.infer<typeof wishSchema>;
