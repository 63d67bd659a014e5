/**
 * The pages a caller's browser sees, at the url the session carries:
 *
 *   GET  /c/pay/:id   the Checkout page (open), the receipt (complete) or "expired"
 *   POST /c/pay/:id   the page's form: action=pay marks it paid and sends checkout.session.completed,
 *                     action=cancel expires it and sends checkout.session.expired; then 303 back
 *   GET  /            the newest sessions, for whoever runs the demo
 */
import express, { type Response, type Router } from 'express';
import type { Payments } from './payments.ts';
import type { SandboxStore } from './sandbox-store.ts';
import { StripeApiError } from './stripe-objects.ts';
import { checkoutPage, indexPage, messagePage } from './checkout-page.html.ts';

export const CHECKOUT_PATH = '/c/pay';
export const checkoutPathOf = (sessionId: string) => `${CHECKOUT_PATH}/${sessionId}`;

const SESSION_ID = /^cs_test_[A-Za-z0-9]{1,80}$/;

function html(res: Response, status: number, body: string) {
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // No script at all; the one form posts back here.
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    })
    .send(body);
}

export function createCheckoutPageRouter(deps: {
  payments: Payments;
  store: SandboxStore;
}): Router {
  const router = express.Router();
  const { payments } = deps;

  /** The session, or a 404 page already answered. */
  const sessionFor = (id: string, res: Response) => {
    if (!SESSION_ID.test(id)) {
      html(res, 404, messagePage('Not found', 'There is no payment at this address.'));
      return null;
    }
    try {
      return payments.get(id);
    } catch (err) {
      if (!(err instanceof StripeApiError)) throw err;
      html(res, 404, messagePage('Not found', 'There is no payment at this address.'));
      return null;
    }
  };

  router.get('/', (_req, res) => {
    const newest = [...deps.store.sessions.values()].reverse().slice(0, 20);
    html(res, 200, indexPage(newest, checkoutPathOf));
  });

  router.get(`${CHECKOUT_PATH}/:id`, (req, res) => {
    const s = sessionFor(String(req.params.id), res);
    if (s) html(res, 200, checkoutPage(s, checkoutPathOf(s.id)));
  });

  router.post(
    `${CHECKOUT_PATH}/:id`,
    express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 10 }),
    (req, res) => {
      const s = sessionFor(String(req.params.id), res);
      if (!s) return;
      const action = (req.body as Record<string, unknown> | undefined)?.action;
      if (action !== 'pay' && action !== 'cancel')
        return html(res, 400, messagePage('Not understood', 'Press Pay or Cancel on the page.'));
      try {
        if (action === 'pay') payments.pay(s.id);
        else payments.cancel(s.id);
      } catch (err) {
        if (!(err instanceof StripeApiError)) throw err;
        return html(res, err.status, checkoutPage(s, checkoutPathOf(s.id)));
      }
      // Post/redirect/get: a reload shows the outcome instead of pressing the button again.
      res.redirect(303, checkoutPathOf(s.id));
    },
  );
  return router;
}
