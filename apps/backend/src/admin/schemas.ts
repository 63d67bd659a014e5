import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { businessHoursSchema, isValidTimeZone, serviceSchema } from '@receptionist/domain';
import { callOutcomes } from '@receptionist/db';

// Adds .openapi() to zod schemas so the document is generated from the very schemas that validate.
extendZodWithOpenApi(z);

export { z };

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown(),
    }),
  })
  .openapi('Error');

const timestamp = z.iso.datetime({ offset: true });
export const uuid = z.uuid();
export const e164 = z
  .string()
  .regex(/^\+[1-9][0-9]{6,14}$/, 'expected an E.164 number like +14155550100');

export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ type: 'integer', description: 'Page size (default 50, at most 200)' }),
  cursor: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .openapi({ description: 'The nextCursor of the previous page; opaque' }),
});

export const pageOf = <T extends z.ZodType>(name: string, item: T) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: 'null on the last page' }),
    })
    .openapi(`${name}Page`);

export const tenantParams = z.object({ tenantId: uuid });
export const withTenant = <S extends z.ZodRawShape>(shape: S) =>
  z.object({ tenantId: uuid, ...shape });

// ---- tenants

export const timezoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, 'unknown IANA timezone')
  .openapi({ example: 'America/New_York' });
const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$/, 'expected a tag like en-US');
const escalationContact = z.strictObject({
  name: z.string().min(1).max(120),
  phone: e164.optional(),
  email: z.email().max(254).optional(),
  slackWebhookUrl: z.url().max(500).optional(),
});
const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like USD');

/** Every field of the business profile an operator may set; ids, slugs and timestamps are not here. */
const profileShape = {
  name: z.string().trim().min(1).max(200),
  timezone: timezoneSchema,
  businessHours: businessHoursSchema,
  closedDates: z.array(z.iso.date()).max(366),
  greeting: z.string().max(1_000),
  persona: z.string().max(4_000),
  languages: z.array(languageTag).min(1).max(10),
  escalationPhone: e164.nullable(),
  escalationContacts: z.array(escalationContact).max(20),
  depositRequired: z.boolean(),
  depositAmountMinor: z.number().int().min(0).max(10_000_000),
  currency,
  holdTimeoutMinutes: z.number().int().min(1).max(1_440),
  refundFullUntilHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  calendarProvider: z.enum(['builtin', 'calcom']),
  calendarSettings: z.record(z.string(), z.unknown()),
  voiceMode: z.enum(['gather', 'relay']),
  voice: z.string().min(1).max(100),
  services: z.array(serviceSchema.strict()).max(100),
};

export const tenantPatchSchema = z
  .strictObject(profileShape)
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'at least one field is required')
  .openapi('TenantPatch');

export const tenantCreateSchema = z
  .strictObject({
    slug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes, 2-63 characters'),
    ...profileShape,
  })
  .partial()
  .required({ slug: true, name: true })
  .openapi('TenantCreate');

export const tenantSchema = z
  .object({
    id: uuid,
    slug: z.string(),
    name: z.string(),
    timezone: z.string(),
    businessHours: z.record(z.string(), z.unknown()),
    closedDates: z.array(z.string()),
    greeting: z.string(),
    persona: z.string(),
    languages: z.array(z.string()),
    escalationPhone: z.string().nullable(),
    escalationContacts: z.array(z.record(z.string(), z.unknown())),
    depositRequired: z.boolean(),
    depositAmountMinor: z.number().int(),
    currency: z.string(),
    holdTimeoutMinutes: z.number().int(),
    refundFullUntilHours: z.number().int(),
    calendarProvider: z.enum(['builtin', 'calcom']),
    calendarSettings: z.record(z.string(), z.unknown()),
    voiceMode: z.enum(['gather', 'relay']),
    voice: z.string(),
    services: z.array(z.record(z.string(), z.unknown())),
    settings: z.record(z.string(), z.unknown()),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Tenant');

export const phoneNumberSchema = z
  .object({ id: uuid, tenantId: uuid, e164: z.string(), label: z.string(), createdAt: timestamp })
  .openapi('PhoneNumber');

// ---- knowledge

export const knowledgeEntrySchema = z
  .object({
    id: uuid,
    tenantId: uuid,
    question: z.string(),
    answer: z.string(),
    tags: z.array(z.string()),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('KnowledgeEntry');

const tag = z.string().trim().min(1).max(50);
export const knowledgeCreateSchema = z
  .strictObject({
    question: z.string().trim().min(1).max(1_000),
    answer: z.string().trim().min(1).max(8_000),
    tags: z.array(tag).max(20).optional(),
  })
  .openapi('KnowledgeEntryCreate');
export const knowledgePatchSchema = knowledgeCreateSchema
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'at least one field is required')
  .openapi('KnowledgeEntryPatch');

// ---- calls, messages, conversations, contacts

export const callSchema = z
  .object({
    id: uuid,
    tenantId: uuid,
    callSid: z.string(),
    contactId: uuid.nullable(),
    direction: z.enum(['inbound', 'outbound']),
    fromNumber: z.string(),
    toNumber: z.string(),
    status: z.string(),
    startedAt: timestamp,
    answeredAt: timestamp.nullable(),
    endedAt: timestamp.nullable(),
    durationSeconds: z.number().int().nullable(),
    outcome: z.enum(callOutcomes).nullable(),
    summary: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Call');

export const messageSchema = z
  .object({
    id: uuid,
    conversationId: uuid,
    channel: z.enum(['voice', 'sms']),
    role: z.enum(['caller', 'agent', 'system']),
    text: z.string(),
    agent: z.string().nullable().openapi({ description: 'Which agent produced the turn' }),
    latencyMs: z.number().int().nullable().openapi({ description: 'Turn latency end to end' }),
    modelLatencyMs: z.number().int().nullable(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costMicroUsd: z.number().int(),
    createdAt: timestamp,
  })
  .openapi('Message');

export const callDetailSchema = callSchema
  .extend({ transcript: z.array(messageSchema) })
  .openapi('CallDetail');

export const smsConversationSchema = z
  .object({
    id: uuid,
    tenantId: uuid,
    contactId: uuid.nullable(),
    contactPhone: z.string().nullable(),
    messageCount: z.number().int(),
    lastMessageAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('SmsConversation');
export const smsConversationDetailSchema = smsConversationSchema
  .extend({ messages: z.array(messageSchema) })
  .openapi('SmsConversationDetail');

export const contactSchema = z
  .object({
    id: uuid,
    tenantId: uuid,
    phone: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    qualification: z.record(z.string(), z.unknown()),
    leadScore: z.number().int().nullable(),
    optedOut: z.boolean(),
    optedOutAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Contact');

// ---- bookings, escalations

export const bookingSchema = z
  .object({
    id: uuid,
    tenantId: uuid,
    contactId: uuid.nullable(),
    resource: z.string(),
    service: z.string(),
    status: z.enum(['held', 'pending_payment', 'confirmed', 'cancelled', 'completed', 'no_show']),
    startsAt: timestamp,
    endsAt: timestamp,
    provider: z.enum(['builtin', 'calcom']),
    externalId: z.string().nullable(),
    workflowId: z.string().nullable(),
    holdExpiresAt: timestamp.nullable(),
    depositAmountMinor: z.number().int(),
    currency: z.string(),
    notes: z.string(),
    cancelledAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Booking');

export const bookingCommandSchema = z
  .object({
    bookingId: uuid,
    command: z.enum(['cancel', 'reschedule']),
    status: z.literal('accepted'),
    workflowId: z.string(),
  })
  .openapi('BookingCommandAccepted');

export const escalationSchema = z
  .object({
    id: uuid,
    tenantId: uuid,
    callId: uuid.nullable(),
    conversationId: uuid.nullable(),
    contactId: uuid.nullable(),
    kind: z.enum(['transfer', 'message']),
    reason: z.string(),
    summary: z.string(),
    status: z.enum(['open', 'resolved']),
    resolvedAt: timestamp.nullable(),
    resolvedBy: z.string().nullable(),
    createdAt: timestamp,
  })
  .openapi('Escalation');

// ---- stats, audit, keys

export const periodQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });

export const statsSchema = z
  .object({
    from: timestamp,
    to: timestamp,
    calls: z.number().int(),
    answered: z.number().int(),
    booked: z.number().int(),
    conversionRate: z.number().min(0).max(1),
    escalations: z.number().int(),
    turnLatencyAvgMs: z.number().int().nullable(),
    turnLatencyP95Ms: z.number().int().nullable(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    estimatedCostUsd: z.number(),
  })
  .openapi('Stats');

export const auditEntrySchema = z
  .object({
    id: uuid,
    tenantId: uuid.nullable(),
    apiKeyId: uuid.nullable(),
    actor: z.string(),
    action: z.string(),
    resourceType: z.string(),
    resourceId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    createdAt: timestamp,
  })
  .openapi('AuditEntry');

export const apiKeySchema = z
  .object({
    id: uuid,
    tenantId: uuid.nullable(),
    name: z.string(),
    prefix: z.string(),
    role: z.enum(['admin', 'viewer']),
    lastUsedAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .openapi('ApiKey');

export const apiKeyCreatedSchema = apiKeySchema
  .extend({
    key: z.string().openapi({ description: 'The full key; shown once, never stored in clear' }),
  })
  .openapi('ApiKeyCreated');
