import { describe, expect, it } from 'vitest';
import {
  appointmentOutcome,
  followUpSettings,
  isYesReply,
  nextSendableTime,
  noShowRefundMinor,
  reviewRequestAllowed,
} from './follow-up-policy.ts';
import { renderFollowUpText } from './follow-up-texts.ts';

describe('follow-up policy', () => {
  it('takes the tenant settings over the defaults and ignores settings that fail the schema', () => {
    expect(followUpSettings({ settings: {} })).toMatchObject({
      unmarkedAttendance: 'completed',
      noShowDeposit: 'forfeit',
      reviewRepeatDays: 90,
      waitlistReplyMinutes: 15,
    });
    const own = followUpSettings({
      settings: { followUps: { noShowDeposit: 'refund', reviewRepeatDays: 30 } },
    });
    expect(own).toMatchObject({ noShowDeposit: 'refund', reviewRepeatDays: 30 });
    const bad = followUpSettings({ settings: { followUps: { reviewRepeatDays: -4 } } });
    expect(bad.reviewRepeatDays).toBe(90);
  });

  it("staff's mark wins; an unmarked visit is what the tenant says", () => {
    expect(appointmentOutcome(false, { unmarkedAttendance: 'completed' })).toBe('no_show');
    expect(appointmentOutcome(true, { unmarkedAttendance: 'no_show' })).toBe('completed');
    expect(appointmentOutcome(null, { unmarkedAttendance: 'no_show' })).toBe('no_show');
    expect(appointmentOutcome(null, { unmarkedAttendance: 'completed' })).toBe('completed');
  });

  it('keeps a no-show deposit or refunds what is left of it', () => {
    expect(noShowRefundMinor({ policy: 'forfeit', paidMinor: 2500, alreadyRefundedMinor: 0 })).toBe(
      0,
    );
    expect(
      noShowRefundMinor({ policy: 'refund', paidMinor: 2500, alreadyRefundedMinor: 500 }),
    ).toBe(2000);
  });

  it('asks a contact for a review again only after the period', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    expect(reviewRequestAllowed(null, now, 90)).toBe(true);
    expect(reviewRequestAllowed(new Date('2026-05-01T12:00:00Z'), now, 90)).toBe(false);
    expect(reviewRequestAllowed(new Date('2026-03-02T12:00:00Z'), now, 90)).toBe(true);
  });

  it('moves a text out of the quiet hours in the given zone', () => {
    const q = { start: 21, end: 8 };
    // 23:30 in New York (EDT) → 08:00 the next morning there.
    const late = new Date('2026-06-02T03:30:00Z');
    expect(nextSendableTime(late, 'America/New_York', q).toISOString()).toBe(
      '2026-06-02T12:00:00.000Z',
    );
    // The same instant is 05:30 in Paris: quiet until 08:00 Paris.
    expect(nextSendableTime(late, 'Europe/Paris', q).toISOString()).toBe(
      '2026-06-02T06:00:00.000Z',
    );
    const day = new Date('2026-06-02T15:00:00Z');
    expect(nextSendableTime(day, 'America/New_York', q)).toEqual(day);
    expect(nextSendableTime(late, 'America/New_York', { start: 0, end: 0 })).toEqual(late);
  });

  it('hears YES in English, French and Spanish, and nothing longer', () => {
    for (const t of ['YES', 'yes!', ' Oui ', 'sí', 'Si.']) expect(isYesReply(t)).toBe(true);
    for (const t of ['no', 'yes but tuesday', '', 'maybe']) expect(isYesReply(t)).toBe(false);
  });

  it("writes the review link and the waitlist offer in the tenant's languages", () => {
    const base = { tenantName: 'Bright Smile', timezone: 'America/New_York' };
    expect(
      renderFollowUpText('review_link', {
        ...base,
        language: 'fr-CA',
        reviewUrl: 'https://g.co/r',
      }),
    ).toBe(
      'Bright Smile : merci de votre visite ! Si vous avez une minute, un avis nous aide beaucoup : https://g.co/r',
    );
    const offer = renderFollowUpText('waitlist_offer', {
      ...base,
      language: 'es-US',
      startsAt: new Date('2026-06-02T14:00:00Z'),
      replyMinutes: 15,
    });
    expect(offer).toContain('Responda SÍ en los próximos 15 minutos');
    expect(offer).toContain('a las 10:00');
    expect(
      renderFollowUpText('waitlist_offer', {
        ...base,
        language: 'de-DE',
        startsAt: new Date('2026-06-02T14:00:00Z'),
        replyMinutes: 15,
      }),
    ).toMatch(
      /^Bright Smile: a spot opened on Tuesday, June 2 at 10:00 AM EDT\. Reply YES within 15/,
    );
  });
});
