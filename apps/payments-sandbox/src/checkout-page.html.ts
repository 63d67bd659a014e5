/**
 * The Checkout page, server-rendered: no script, one form. Every value from a session is escaped;
 * the line item's name is what our worker wrote ("Deposit — <business>, <service>").
 */
import { minorUnitDigits } from '@receptionist/domain';
import type { SessionRecord } from './stripe-objects.ts';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** "$25" for a whole amount, "$25.50" otherwise: what a caller reads on a button. */
export function formatAmount(amountMinor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const scale = 10 ** digits;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: amountMinor % scale === 0 ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(amountMinor / scale);
}

export const payButtonLabel = (s: Pick<SessionRecord, 'amountTotal' | 'currency'>) =>
  `Pay ${formatAmount(s.amountTotal, s.currency)} deposit (test)`;

/** Stripe fills {CHECKOUT_SESSION_ID} in the success URL with the session's id. */
export const successUrlOf = (s: SessionRecord) =>
  s.successUrl.replaceAll('{CHECKOUT_SESSION_ID}', s.id);

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f6f8fa;margin:0;color:#1a1f36}
main{max-width:26rem;margin:3rem auto;background:#fff;border-radius:10px;padding:2rem;box-shadow:0 2px 8px #0002}
.badge{display:inline-block;background:#ffde92;color:#683d00;border-radius:4px;padding:.1rem .5rem;font-size:.75rem;font-weight:600}
h1{font-size:1.15rem;margin:.8rem 0 .3rem}.amount{font-size:2rem;font-weight:600;margin:.2rem 0 1.2rem}
button.pay{width:100%;padding:.8rem;font-size:1rem;border:0;border-radius:6px;background:#635bff;color:#fff;cursor:pointer}
button.link{background:none;border:0;color:#635bff;text-decoration:underline;cursor:pointer;font-size:.9rem;padding:0;margin-top:1rem}
.note{color:#697386;font-size:.85rem}table{width:100%;font-size:.9rem;margin-bottom:1rem}td.r{text-align:right}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><span class="badge">TEST MODE · payments sandbox</span>
${body}
</main></body></html>`;
}

function itemsTable(s: SessionRecord): string {
  // One item is the headline already; a list only helps with several.
  if (s.lineItems.length < 2) return '';
  const rows = s.lineItems
    .map(
      (li) =>
        `<tr><td>${escapeHtml(li.name)}${li.quantity > 1 ? ` × ${li.quantity}` : ''}</td><td class="r">${escapeHtml(formatAmount(li.unitAmount * li.quantity, s.currency))}</td></tr>`,
    )
    .join('');
  return `<table>${rows}</table>`;
}

const headline = (s: SessionRecord) => s.lineItems[0]?.name ?? 'Payment';

export function checkoutPage(s: SessionRecord, actionPath: string): string {
  const amount = escapeHtml(formatAmount(s.amountTotal, s.currency));
  if (s.status === 'complete')
    return page(
      'Paid',
      `<h1>${escapeHtml(headline(s))}</h1><p class="amount">${amount} paid</p>
<p>Thank you. The business has been told; a confirmation text is on its way.</p>
<p class="note"><a href="${escapeHtml(successUrlOf(s))}">Continue</a> (where Stripe would send you now)</p>`,
    );
  if (s.status === 'expired')
    return page(
      'Link expired',
      `<h1>${escapeHtml(headline(s))}</h1><p>This payment link is no longer active; nothing was charged.</p>
${s.cancelUrl ? `<p class="note"><a href="${escapeHtml(s.cancelUrl)}">Back</a></p>` : ''}`,
    );
  return page(
    headline(s),
    `<h1>${escapeHtml(headline(s))}</h1><p class="amount">${amount}</p>
${itemsTable(s)}
<form method="post" action="${escapeHtml(actionPath)}">
<button class="pay" type="submit" name="action" value="pay">${escapeHtml(payButtonLabel(s))}</button>
<button class="link" type="submit" name="action" value="cancel">Cancel</button>
</form>
<p class="note">No card is asked for and no money moves: this page only plays Stripe Checkout.</p>`,
  );
}

export function messagePage(title: string, text: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}

export function indexPage(sessions: SessionRecord[], pathOf: (id: string) => string): string {
  const rows = sessions
    .map(
      (s) =>
        `<tr><td><a href="${escapeHtml(pathOf(s.id))}">${escapeHtml(headline(s))}</a></td><td>${escapeHtml(formatAmount(s.amountTotal, s.currency))}</td><td>${s.status}</td></tr>`,
    )
    .join('');
  return page(
    'Payments sandbox',
    `<h1>Checkout sessions</h1>${rows ? `<table>${rows}</table>` : '<p class="note">None yet: book with a deposit and the link appears here.</p>'}`,
  );
}
