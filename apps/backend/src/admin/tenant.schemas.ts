import {
  businessHoursSchema,
  calendarSettingsSchema,
  followUpSettingsSchema,
  isValidTimeZone,
  serviceSchema,
  tenantLimitsSchema,
} from '@receptionist/domain';
import { e164, timestamp, uuid, z } from './schema-primitives.ts';
import { calendarSecretInputs, slackWebhookUrlInput } from './tenant-secrets.ts';

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
  slackWebhookUrl: slackWebhookUrlInput.optional(),
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
  // The Cal.com API key and webhook secret are write-only (see tenant-secrets.ts).
  calendarSettings: calendarSettingsSchema.extend(calendarSecretInputs).openapi('CalendarSettings'),
  voiceMode: z.enum(['gather', 'relay']),
  voice: z.string().min(1).max(100),
  services: z.array(serviceSchema.strict()).max(100),
  // Daily budgets, per-caller rates and the countries texts and transfers may reach; every field
  // bounded (kept under settings.limits, unset fields keep their defaults).
  limits: tenantLimitsSchema,
  // After the visit and the waitlist: attendance rule, no-show deposit, review link and period,
  // waitlist reply window, quiet hours (kept under settings.followUps).
  followUps: followUpSettingsSchema,
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
