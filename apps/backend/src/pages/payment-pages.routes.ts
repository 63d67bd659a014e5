import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { tenantNameForBooking, type Db } from '@receptionist/db';

/**
 * Where Stripe Checkout sends a payer afterwards (the worker's success_url and cancel_url):
 * /bookings/{id}/paid and /bookings/{id}/payment-cancelled. A plain page with the business's name
 * and one generic sentence: the URL is all a visitor needs, so it shows nothing of the booking
 * (no time, no name, no amount), and the payment itself is settled by the Stripe webhook.
 */
const PAGES = {
  paid: {
    title: 'Thank you',
    text: 'Your payment was received. You will get a text confirming your booking shortly.',
  },
  'payment-cancelled': {
    title: 'Payment cancelled',
    text: 'No payment was taken. You can use the link in your text message to try again.',
  },
} as const;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function renderPaymentPage(page: keyof typeof PAGES, business: string | null): string {
  const p = PAGES[page];
  const by = business ? `<p class="by">${escapeHtml(business)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}.by{color:#666}</style>
</head><body><h1>${p.title}</h1><p>${p.text}</p>${by}</body></html>`;
}

function send(res: Response, status: number, html: string) {
  res
    .status(status)
    // Static text, no scripts; the URL carries Stripe's session id, so it is never passed on.
    .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
    .set('Referrer-Policy', 'no-referrer')
    .set('X-Content-Type-Options', 'nosniff')
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(html);
}

export function createPaymentPagesRouter(deps: { db: Db }): Router {
  const router = express.Router();
  for (const page of Object.keys(PAGES) as (keyof typeof PAGES)[]) {
    router.get(`/:bookingId/${page}`, async (req, res) => {
      const id = String(req.params.bookingId);
      const name = z.uuid().safeParse(id).success ? await tenantNameForBooking(deps.db, id) : null;
      send(res, 200, renderPaymentPage(page, name));
    });
  }
  return router;
}
