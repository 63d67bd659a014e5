import { callOutcomes } from '@receptionist/db';
import { analysisOutcomes, bookingStatuses, callIntents, sentiments } from '@receptionist/domain';
import { timestamp, uuid, z } from './schema-primitives.ts';

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

const quotes = z
  .array(z.string())
  .openapi({ description: "The caller's own words this field was read from" });

export const callAnalysisSchema = z
  .object({
    intent: z.enum(callIntents),
    outcome: z.enum(analysisOutcomes),
    followUpNeeded: z.boolean(),
    followUpReason: z.string().nullable(),
    sentiment: z.enum(sentiments),
    evidence: z.object({ intent: quotes, outcome: quotes, followUp: quotes, sentiment: quotes }),
    source: z
      .enum(['claude', 'rules'])
      .openapi({ description: 'Who wrote it: Claude or the rules' }),
    model: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('CallAnalysis');

export const callDetailSchema = callSchema
  .extend({
    transcript: z.array(messageSchema),
    analysis: callAnalysisSchema
      .nullable()
      .openapi({ description: 'The post-call analysis; null until it has run' }),
  })
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
    status: z.enum(bookingStatuses),
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
    command: z.enum(['cancel', 'reschedule', 'attendance']),
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
