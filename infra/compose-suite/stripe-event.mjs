// Prints a checkout.session.completed event for one deposit and its Stripe-Signature header,
// signed exactly as Stripe signs with an endpoint secret (HMAC-SHA256 over "<t>.<body>").
//   node stripe-event.mjs SECRET SESSION_ID AMOUNT_MINOR CURRENCY TENANT_ID BOOKING_ID OUT_DIR
// Writes OUT_DIR/body.json and OUT_DIR/signature.
import { createHmac, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [secret, session, amount, currency, tenantId, bookingId, out] = process.argv.slice(2);
const t = Math.floor(Date.now() / 1000);
const body = JSON.stringify({
  id: `evt_${randomBytes(12).toString('hex')}`,
  object: 'event',
  type: 'checkout.session.completed',
  created: t,
  livemode: false,
  data: {
    object: {
      id: session,
      object: 'checkout.session',
      amount_total: Number(amount),
      currency: currency.toLowerCase(),
      payment_status: 'paid',
      status: 'complete',
      payment_intent: `pi_${randomBytes(12).toString('hex')}`,
      metadata: { tenantId, bookingId },
    },
  },
});
const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
writeFileSync(join(out, 'body.json'), body);
writeFileSync(join(out, 'signature'), `t=${t},v1=${v1}`);
