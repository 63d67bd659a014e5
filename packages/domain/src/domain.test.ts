import { describe, expect, it } from 'vitest';
import {
  businessHoursSchema,
  canTransition,
  depositDue,
  formatMoney,
  isActiveBooking,
  isValidTimeZone,
  refundFor,
  statusesAllowingMoveTo,
  toE164,
} from './index.ts';

describe('phone numbers', () => {
  it('normalises common spellings to E.164', () => {
    expect(toE164('(415) 555-0100')).toBe('+14155550100');
    expect(toE164('+44 20 7946 0000')).toBe('+442079460000');
    expect(toE164('0044 20 7946 0000')).toBe('+442079460000');
    expect(toE164('020 7946 0000', '44')).toBe('+442079460000');
    expect(toE164('12')).toBeNull();
    expect(toE164('call me')).toBeNull();
  });
});

describe('booking rules', () => {
  it('allows only forward transitions', () => {
    expect(canTransition('held', 'pending_payment')).toBe(true);
    expect(canTransition('pending_payment', 'confirmed')).toBe(true);
    expect(canTransition('cancelled', 'confirmed')).toBe(false);
    expect(canTransition('completed', 'no_show')).toBe(false);
  });

  it('writes a status only from one that leads to it, or a repeat of it', () => {
    expect(statusesAllowingMoveTo('cancelled').sort()).toEqual(
      ['cancelled', 'confirmed', 'held', 'pending_payment'].sort(),
    );
    expect(statusesAllowingMoveTo('no_show').sort()).toEqual(['confirmed', 'no_show'].sort());
    expect(statusesAllowingMoveTo('held')).toEqual(['held']);
  });

  it('knows which bookings hold their slot', () => {
    expect(['held', 'pending_payment', 'confirmed'].every(isActiveBooking)).toBe(true);
    expect(['cancelled', 'completed', 'no_show', 'unknown'].some(isActiveBooking)).toBe(false);
  });

  it('asks a deposit only when one is required and is worth something', () => {
    expect(depositDue({ depositRequired: true, depositAmountMinor: 2500 })).toBe(true);
    expect(depositDue({ depositRequired: true, depositAmountMinor: 0 })).toBe(false);
    expect(depositDue({ depositRequired: false, depositAmountMinor: 2500 })).toBe(false);
  });

  it('refunds in full before the cut-off and nothing after', () => {
    const startsAt = new Date('2026-12-01T15:00:00Z');
    const base = { paidMinor: 5000, alreadyRefundedMinor: 0, startsAt, fullRefundHours: 24 };
    expect(refundFor({ ...base, cancelledAt: new Date('2026-11-30T14:59:00Z') })).toBe(5000);
    expect(refundFor({ ...base, cancelledAt: new Date('2026-11-30T15:01:00Z') })).toBe(0);
    expect(
      refundFor({
        ...base,
        alreadyRefundedMinor: 1000,
        cancelledAt: new Date('2026-11-20T00:00:00Z'),
      }),
    ).toBe(4000);
  });

  it('refunds in full when the business cancels, inside the window too', () => {
    const startsAt = new Date('2026-12-01T15:00:00Z');
    const late = {
      paidMinor: 5000,
      alreadyRefundedMinor: 0,
      startsAt,
      fullRefundHours: 24,
      cancelledAt: new Date('2026-12-01T14:00:00Z'),
    };
    expect(refundFor({ ...late, cancelledBy: 'business' })).toBe(5000);
    expect(refundFor({ ...late, cancelledBy: 'business', alreadyRefundedMinor: 5000 })).toBe(0);
    expect(refundFor({ ...late, cancelledBy: 'caller' })).toBe(0);
    expect(refundFor({ ...late, cancelledBy: 'provider' })).toBe(0);
  });
});

describe('tenant profile', () => {
  it('validates business hours and time zones', () => {
    expect(
      businessHoursSchema.safeParse({ mon: [{ open: '09:00', close: '17:00' }] }).success,
    ).toBe(true);
    expect(
      businessHoursSchema.safeParse({ mon: [{ open: '18:00', close: '17:00' }] }).success,
    ).toBe(false);
    expect(businessHoursSchema.safeParse({ funday: [] }).success).toBe(false);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('formats money from minor units', () => {
    expect(formatMoney({ amountMinor: 2500, currency: 'USD' })).toBe('$25.00');
    expect(formatMoney({ amountMinor: 2500, currency: 'JPY' })).toBe('¥2,500');
  });
});

describe('agent turn contract', () => {
  it('rejects unknown fields and malformed numbers, accepts a well-formed turn', async () => {
    const { turnRequestSchema } = await import('./index.ts');
    const ok = {
      tenantId: '7f1d3c1e-8a51-4c8e-9a43-3c0f5b3b2a11',
      conversationId: 'CA123',
      channel: 'voice',
      text: 'how much is a cleaning?',
      callerPhone: '+14155550123',
    };
    expect(turnRequestSchema.safeParse(ok).success).toBe(true);
    expect(turnRequestSchema.safeParse({ ...ok, callerPhone: '555' }).success).toBe(false);
    expect(turnRequestSchema.safeParse({ ...ok, admin: true }).success).toBe(false);
    expect(turnRequestSchema.safeParse({ ...ok, channel: 'fax' }).success).toBe(false);
  });
});
