/**
 * The request parameters the sandbox accepts, as Stripe names them (form-encoded, so every value
 * arrives as a string). Objects are strict: a parameter the sandbox does not know is refused with
 * Stripe's own "Received unknown parameter", so code that starts using more of the API fails here
 * loudly instead of silently getting a half-made object.
 */
import { z } from 'zod';
import { StripeApiError } from './stripe-objects.ts';

const integer = z
  .string()
  .regex(/^[0-9]{1,12}$/, 'Invalid integer')
  .transform(Number);

// Stripe's limits: 50 keys, keys up to 40 characters, values up to 500. An empty string unsets.
const metadata = z
  .union([
    z.literal('').transform(() => ({})),
    z.record(z.string().min(1).max(40), z.string().max(500)),
  ])
  .refine((m) => Object.keys(m).length <= 50, 'at most 50 keys');

const expand = z.array(z.string().max(100)).max(10).optional();

const lineItem = z.strictObject({
  quantity: integer.pipe(z.number().int().min(1).max(999_999)),
  price_data: z.strictObject({
    currency: z
      .string()
      .regex(/^[a-zA-Z]{3}$/, 'Invalid currency')
      .transform((c) => c.toLowerCase()),
    unit_amount: integer,
    product_data: z.strictObject({
      name: z.string().min(1).max(250),
      description: z.string().max(500).optional(),
    }),
  }),
});

export const createSessionParams = z.strictObject({
  mode: z.literal('payment', 'the payments sandbox supports mode=payment only'),
  success_url: z.string().max(5_000).pipe(z.url()),
  cancel_url: z.string().max(5_000).pipe(z.url()).optional(),
  client_reference_id: z.string().min(1).max(200).optional(),
  customer_email: z.string().min(3).max(512).includes('@').optional(),
  line_items: z.array(lineItem).min(1).max(100),
  metadata: metadata.optional(),
  payment_intent_data: z
    .strictObject({
      metadata: metadata.optional(),
      description: z.string().max(1_000).optional(),
    })
    .optional(),
  expires_at: integer.optional(),
  expand,
});

export const expireSessionParams = z.strictObject({ expand });

export const createRefundParams = z.strictObject({
  payment_intent: z.string().min(1).max(255).optional(),
  charge: z.string().min(1).max(255).optional(),
  amount: integer.pipe(z.number().int().min(1)).optional(),
  metadata: metadata.optional(),
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
  expand,
});

export const listEventsParams = z.object({
  limit: integer.pipe(z.number().int().min(1).max(100)).optional(),
  type: z.string().min(1).max(100).optional(),
});

/** `line_items[0][price_data][currency]`, as Stripe names a nested parameter. */
function paramName(path: PropertyKey[]): string {
  const [first, ...rest] = path.map(String);
  return `${first ?? ''}${rest.map((p) => `[${p}]`).join('')}`;
}

/** Parses parameters, failing as Stripe fails: one 400 naming the first bad parameter. */
export function parseParams<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  // An unknown parameter explains a missing sibling best (`price` sent where `price_data` is needed).
  const issue = r.error.issues.find((i) => i.code === 'unrecognized_keys') ?? r.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const param = paramName([...issue.path, issue.keys[0]!]);
    throw new StripeApiError(400, `Received unknown parameter: ${param}`, { param });
  }
  const param = paramName(issue.path);
  if (issue.code === 'invalid_type' && issue.input === undefined)
    throw new StripeApiError(400, `Missing required param: ${param}.`, {
      code: 'parameter_missing',
      param,
    });
  throw new StripeApiError(400, `Invalid ${param}: ${issue.message}`, {
    code: 'parameter_invalid',
    param,
  });
}
