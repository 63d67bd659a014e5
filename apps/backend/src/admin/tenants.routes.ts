import {
  createTenant,
  getTenant,
  isEventTypeTaken,
  insertPhoneNumber,
  listPhoneNumbers,
  listTenants,
  deletePhoneNumber,
  PhoneNumberTakenError,
  updateTenantProfile,
} from '@receptionist/db';
import { HttpError } from '@receptionist/observability';
import { defineRoute, orNotFound } from './route-table.ts';
import {
  e164,
  pageOf,
  pageQuery,
  phoneNumberSchema,
  tenantCreateSchema,
  tenantItem,
  tenantParams,
  tenantPatchSchema,
  tenantSchema,
  z,
} from './schemas.ts';
import { resolveSecretInputs } from './tenant-secrets.ts';

const eventTypeTaken = () =>
  new HttpError(409, 'event_type_taken', 'another business already uses this Cal.com eventTypeId');

/** A Cal.com event type belongs to one business: the unique index decides, this says so. */
async function orEventTypeTaken<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (isEventTypeTaken(err)) throw eventTypeTaken();
    throw err;
  }
}

export const tenantRoutes = [
  defineRoute({
    operationId: 'listTenants',
    method: 'get',
    path: '/tenants',
    summary: 'List businesses (a business key sees only its own)',
    tag: 'tenants',
    access: 'any',
    query: pageQuery,
    status: 200,
    response: pageOf('Tenant', tenantSchema),
    handler: ({ db, key, query }) => listTenants(db, { onlyTenantId: key.tenantId }, query),
  }),
  defineRoute({
    operationId: 'createTenant',
    method: 'post',
    path: '/tenants',
    summary: 'Create a business',
    tag: 'tenants',
    access: 'platform',
    body: tenantCreateSchema,
    status: 201,
    response: tenantSchema,
    errors: [409],
    handler: async ({ db, body, audit, deps }) => {
      const { slug, name, ...input } = body;
      const profile = await resolveSecretInputs(db, null, input, {
        slackStandIn: Boolean(deps.config.SLACK_WEBHOOK_BASE_URL),
      });
      let created;
      try {
        created = await createTenant(db, { slug, name });
      } catch (err) {
        if ((err as { code?: string }).code === '23505') {
          throw new HttpError(409, 'slug_taken', `a business with slug ${slug} already exists`);
        }
        throw err;
      }
      const tenant =
        Object.keys(profile).length > 0
          ? await orEventTypeTaken(updateTenantProfile(db, created.id, profile))
          : created;
      await audit({
        tenantId: created.id,
        action: 'tenant.create',
        resourceType: 'tenant',
        resourceId: created.id,
        after: tenant,
      });
      return tenant;
    },
  }),
  defineRoute({
    operationId: 'getTenant',
    method: 'get',
    path: '/tenants/{tenantId}',
    summary: 'Get a business and its profile',
    tag: 'tenants',
    access: 'tenant',
    params: tenantParams,
    status: 200,
    response: tenantSchema,
    handler: async ({ db, params }) => {
      return orNotFound(await getTenant(db, params.tenantId), 'tenant');
    },
  }),
  defineRoute({
    operationId: 'updateTenant',
    method: 'patch',
    path: '/tenants/{tenantId}',
    summary:
      'Update the business profile: hours, timezone, persona, greeting, languages, deposit and refund policy, escalation contacts, calendar, voice mode',
    tag: 'tenants',
    access: 'tenant',
    params: tenantParams,
    body: tenantPatchSchema,
    status: 200,
    response: tenantSchema,
    errors: [409],
    handler: async ({ db, params, body, audit, deps, profileChanged }) => {
      const before = orNotFound(await getTenant(db, params.tenantId), 'tenant');
      const patch = await resolveSecretInputs(db, params.tenantId, body, {
        slackStandIn: Boolean(deps.config.SLACK_WEBHOOK_BASE_URL),
      });
      // Audit copies are Tenants as read back: secrets in them are { set: true }.
      const after = await orEventTypeTaken(updateTenantProfile(db, params.tenantId, patch));
      profileChanged(params.tenantId);
      await audit({
        action: 'tenant.update',
        resourceType: 'tenant',
        resourceId: params.tenantId,
        before,
        after,
      });
      return after;
    },
  }),
  defineRoute({
    operationId: 'listPhoneNumbers',
    method: 'get',
    path: '/tenants/{tenantId}/phone-numbers',
    summary: "List the business's phone numbers",
    tag: 'phone numbers',
    access: 'tenant',
    params: tenantParams,
    query: pageQuery,
    status: 200,
    response: pageOf('PhoneNumber', phoneNumberSchema),
    handler: ({ db, params, query }) => listPhoneNumbers(db, params.tenantId, query),
  }),
  defineRoute({
    operationId: 'assignPhoneNumber',
    method: 'post',
    path: '/tenants/{tenantId}/phone-numbers',
    summary: 'Assign a Twilio number to the business',
    tag: 'phone numbers',
    access: 'platform',
    params: tenantParams,
    body: z
      .strictObject({ e164, label: z.string().max(100).optional() })
      .openapi('PhoneNumberAssign'),
    status: 201,
    response: phoneNumberSchema,
    errors: [409],
    handler: async ({ db, params, body, audit }) => {
      try {
        const number = await insertPhoneNumber(db, params.tenantId, body.e164, body.label ?? '');
        await audit({
          action: 'phone_number.assign',
          resourceType: 'phone_number',
          resourceId: number.id,
          after: number,
        });
        return number;
      } catch (err) {
        if (err instanceof PhoneNumberTakenError) {
          throw new HttpError(409, 'phone_number_taken', 'the number is already assigned');
        }
        throw err;
      }
    },
  }),
  defineRoute({
    operationId: 'releasePhoneNumber',
    method: 'delete',
    path: '/tenants/{tenantId}/phone-numbers/{phoneNumberId}',
    summary: 'Release a number from the business',
    tag: 'phone numbers',
    access: 'platform',
    params: tenantItem('phoneNumberId'),
    status: 200,
    response: phoneNumberSchema,
    handler: async ({ db, params, audit }) => {
      const removed = orNotFound(
        await deletePhoneNumber(db, params.tenantId, params.phoneNumberId),
        'phone number',
      );
      await audit({
        action: 'phone_number.release',
        resourceType: 'phone_number',
        resourceId: removed.id,
        before: removed,
      });
      return removed;
    },
  }),
];
