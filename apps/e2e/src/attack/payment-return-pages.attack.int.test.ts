// Low finding: Stripe Checkout sends a payer back to /bookings/{id}/paid or
// /bookings/{id}/payment-cancelled (the worker's success_url and cancel_url), and both answered
// 404. The real backend process now serves a small page there that names the business and says
// one generic sentence: nothing of the booking (time, name, phone, amount) is on it.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, insertBooking, setBookingAttendee } from '@receptionist/db';
import { useBackendProcess } from '../../test/backend-process.ts';

let bookingId: string;
const NAME = `<script>alert(1)</script> Smile ${randomUUID().slice(0, 6)}`;
const startsAt = new Date('2031-05-06T14:30:00Z');

const backend = useBackendProcess();
beforeAll(async () => {
  const t = await createTenant(backend.db, { slug: `pay-${randomUUID().slice(0, 8)}`, name: NAME });
  bookingId = randomUUID();
  await insertBooking(backend.db, t.id, {
    id: bookingId,
    status: 'pending_payment',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    provider: 'builtin',
    workflowId: `booking-${bookingId}`,
  });
  await setBookingAttendee(backend.db, t.id, bookingId, {
    phone: '+14155550177',
    name: 'Grace Hopper',
  });
}, 60_000);

const page = async (path: string) => {
  const res = await fetch(`${backend.baseUrl}${path}`);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    csp: res.headers.get('content-security-policy'),
    html: await res.text(),
  };
};
const leaks = (html: string) =>
  ['Grace', '4155550177', '0177', '2031', '14:30', bookingId, 'pending'].filter((s) =>
    html.includes(s),
  );

describe('attack: the payment return pages', () => {
  it('thanks the payer and says a cancelled payment took nothing, with only the business name', async () => {
    const paid = await page(`/bookings/${bookingId}/paid?session_id=cs_test_123`);
    expect(paid.status).toBe(200);
    expect(paid.type).toContain('text/html');
    expect(paid.html).toContain('Thank you');
    expect(paid.csp).toContain("default-src 'none'");
    const cancelled = await page(`/bookings/${bookingId}/payment-cancelled`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.html).toContain('Payment cancelled');
    for (const html of [paid.html, cancelled.html]) {
      expect(leaks(html)).toEqual([]);
      // The name is shown, escaped: no markup of the business's reaches the page.
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Smile');
      expect(html).not.toContain('cs_test_123');
    }
  });

  it('shows the generic page for unknown or malformed booking ids, and nothing else there', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', "1'OR'1'='1"]) {
      const res = await page(`/bookings/${encodeURIComponent(id)}/paid`);
      expect(res.status).toBe(200);
      expect(res.html).toContain('Thank you');
      expect(res.html).not.toContain('Smile');
    }
    expect((await page(`/bookings/${bookingId}`)).status).toBe(404);
    expect((await page(`/bookings/${bookingId}/refund`)).status).toBe(404);
  });
});
