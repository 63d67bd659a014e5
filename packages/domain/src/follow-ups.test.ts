import { describe, expect, it } from 'vitest';
import {
  escalationContactOrder,
  outreachSettings,
  leadWorthFollowingUp,
  textAllowedAt,
} from './follow-ups.ts';

const quiet = { start: '21:00', end: '08:00' };

describe('follow-up rules', () => {
  it('defaults to texts on days 1, 3 and 7 and keeps a tenant’s own days', () => {
    expect(outreachSettings({}).leadDays).toEqual([1, 3, 7]);
    expect(outreachSettings({ outreach: { leadDays: [2, 5] } }).leadDays).toEqual([2, 5]);
    // A malformed value is not a reason to stop following leads up.
    expect(outreachSettings({ outreach: { leadDays: 'soon' } }).leadDays).toEqual([1, 3, 7]);
  });

  it('holds a text sent at night until the end of the quiet hours in the contact’s zone', () => {
    // 23:30 in New York (EST, UTC-5) is 04:30 UTC; the text waits until 08:00 local = 13:00 UTC.
    const night = new Date('2026-01-15T04:30:00Z');
    expect(textAllowedAt(night, 'America/New_York', quiet).toISOString()).toBe(
      '2026-01-15T13:00:00.000Z',
    );
    // The same instant is 05:30 in Paris: also quiet, until 08:00 Paris = 07:00 UTC.
    expect(textAllowedAt(night, 'Europe/Paris', quiet).toISOString()).toBe(
      '2026-01-15T07:00:00.000Z',
    );
    const noon = new Date('2026-01-15T17:00:00Z');
    expect(textAllowedAt(noon, 'America/New_York', quiet)).toBe(noon);
  });

  it('knows a quiet window that does not span midnight', () => {
    const lunch = { start: '12:00', end: '14:00' };
    const at = new Date('2026-01-15T12:30:00Z');
    expect(textAllowedAt(at, 'UTC', lunch).toISOString()).toBe('2026-01-15T14:00:00.000Z');
    expect(textAllowedAt(new Date('2026-01-15T15:00:00Z'), 'UTC', lunch).toISOString()).toBe(
      '2026-01-15T15:00:00.000Z',
    );
  });

  it('follows up qualified leads only, and nobody who replied STOP', () => {
    const s = outreachSettings({});
    expect(leadWorthFollowingUp({ leadScore: 60, optedOut: false }, s)).toBe(true);
    expect(leadWorthFollowingUp({ leadScore: 60, optedOut: true }, s)).toBe(false);
    expect(leadWorthFollowingUp({ leadScore: 10, optedOut: false }, s)).toBe(false);
    expect(leadWorthFollowingUp({ leadScore: null, optedOut: false }, s)).toBe(false);
  });

  it('reminds the escalation phone first, then each contact', () => {
    const order = escalationContactOrder({
      escalationPhone: '+14155550100',
      escalationContacts: [
        { name: 'Ana', phone: '+14155550101' },
        { name: 'Ben', email: 'ben@example.test' },
        { name: 'Nobody' },
      ],
    });
    expect(order.map((c) => c.name)).toEqual(['front desk', 'Ana', 'Ben']);
  });
});
