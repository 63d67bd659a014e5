/**
 * What the sandbox keeps, and how each record looks on the wire: the same field names, types and
 * null-versus-absent choices as Stripe's API objects, so the real SDK and our webhook code read
 * them exactly as they read Stripe's.
 */
import { randomInt } from 'node:crypto';

/** The version stripe-node 23 pins; a request's Stripe-Version header wins when it sends one. */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A Stripe-looking id: `cs_test_` + 58 characters for sessions, `<prefix>_` + 24 for the rest. */
export function stripeId(prefix: string, length = 24): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return `${prefix}_${s}`;
}

export type Metadata = Record<string, string>;

export interface LineItem {
  name: string;
  unitAmount: number;
  quantity: number;
}

export interface SessionRecord {
  id: string;
  /** Unix seconds, as every Stripe timestamp. */
  created: number;
  expiresAt: number;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'unpaid' | 'paid';
  currency: string;
  amountTotal: number;
  lineItems: LineItem[];
  successUrl: string;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  customerEmail: string | null;
  metadata: Metadata;
  paymentIntentMetadata: Metadata;
  paymentIntentDescription: string | null;
  /** Created when the session is paid, as Stripe does since API version 2022-08-01. */
  paymentIntentId: string | null;
  /** The API version of the request that created it; its events are rendered in it. */
  apiVersion: string;
}

export interface PaymentIntentRecord {
  id: string;
  created: number;
  amount: number;
  currency: string;
  metadata: Metadata;
  description: string | null;
  chargeId: string;
  amountRefunded: number;
  sessionId: string;
}

export interface RefundRecord {
  id: string;
  created: number;
  amount: number;
  currency: string;
  paymentIntentId: string;
  chargeId: string;
  metadata: Metadata;
  reason: string | null;
}

export interface EventRecord {
  id: string;
  type: string;
  created: number;
  apiVersion: string;
  object: Record<string, unknown>;
  request: { id: string | null; idempotency_key: string | null };
  /** 1 until the webhook endpoint answered 2xx, as Stripe counts endpoints still owed the event. */
  pendingWebhooks: number;
}

/** An API error answered as Stripe answers it: `{ error: { type, message, code?, param? } }`. */
export class StripeApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | undefined;
  readonly param: string | undefined;
  constructor(
    status: number,
    message: string,
    opts: { type?: string; code?: string; param?: string } = {},
  ) {
    super(message);
    this.name = 'StripeApiError';
    this.status = status;
    this.type = opts.type ?? 'invalid_request_error';
    this.code = opts.code;
    this.param = opts.param;
  }
  body() {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code ? { code: this.code } : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}

export const noSuch = (object: string, id: string, param: string) =>
  new StripeApiError(404, `No such ${object}: '${id}'`, { code: 'resource_missing', param });

export function sessionObject(s: SessionRecord, pageUrl: string): Record<string, unknown> {
  const paid = s.paymentStatus === 'paid';
  return {
    id: s.id,
    object: 'checkout.session',
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: s.amountTotal,
    amount_total: s.amountTotal,
    automatic_tax: { enabled: false, liability: null, status: null },
    billing_address_collection: null,
    cancel_url: s.cancelUrl,
    client_reference_id: s.clientReferenceId,
    client_secret: null,
    consent: null,
    consent_collection: null,
    created: s.created,
    currency: s.currency,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: null,
    customer_creation: 'if_required',
    customer_details: paid
      ? {
          address: null,
          email: s.customerEmail,
          name: null,
          phone: null,
          tax_exempt: 'none',
          tax_ids: [],
        }
      : null,
    customer_email: s.customerEmail,
    expires_at: s.expiresAt,
    invoice: null,
    invoice_creation: { enabled: false, invoice_data: null },
    livemode: false,
    locale: null,
    metadata: s.metadata,
    mode: 'payment',
    payment_intent: s.paymentIntentId,
    payment_link: null,
    payment_method_collection: 'if_required',
    payment_method_types: ['card'],
    payment_status: s.paymentStatus,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: s.status,
    submit_type: null,
    subscription: null,
    success_url: s.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    // Stripe clears the link once the session can no longer be paid.
    url: s.status === 'open' ? pageUrl : null,
  };
}

export function chargeObject(pi: PaymentIntentRecord): Record<string, unknown> {
  return {
    id: pi.chargeId,
    object: 'charge',
    amount: pi.amount,
    amount_captured: pi.amount,
    amount_refunded: pi.amountRefunded,
    captured: true,
    created: pi.created,
    currency: pi.currency,
    description: pi.description,
    livemode: false,
    metadata: pi.metadata,
    paid: true,
    payment_intent: pi.id,
    refunded: pi.amountRefunded >= pi.amount,
    status: 'succeeded',
  };
}

export function refundObject(r: RefundRecord): Record<string, unknown> {
  return {
    id: r.id,
    object: 'refund',
    amount: r.amount,
    balance_transaction: null,
    charge: r.chargeId,
    created: r.created,
    currency: r.currency,
    destination_details: null,
    metadata: r.metadata,
    payment_intent: r.paymentIntentId,
    reason: r.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}

export function eventObject(e: EventRecord): Record<string, unknown> {
  return {
    id: e.id,
    object: 'event',
    api_version: e.apiVersion,
    created: e.created,
    data: { object: e.object },
    livemode: false,
    pending_webhooks: e.pendingWebhooks,
    request: e.request,
    type: e.type,
  };
}
