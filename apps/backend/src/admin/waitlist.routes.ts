import {
  addWaitlistEntry,
  getWaitlistEntry,
  listWaitlist,
  removeWaitlistEntry,
  upsertContactByPhone,
} from '@receptionist/db';
import { defineRoute, orNotFound } from './route-table.ts';
import {
  e164,
  pageOf,
  pageQuery,
  tenantParams,
  timestamp,
  uuid,
  withTenant,
  z,
} from './schemas.ts';

const status = z.enum(['waiting', 'offered', 'booked', 'removed']);

export const waitlistEntrySchema = z
  .object({
    id: uuid,
    tenantId: uuid,
    contactId: uuid.nullable(),
    phone: z.string(),
    name: z.string().nullable(),
    service: z.string(),
    day: z.iso.date(),
    language: z.string().nullable(),
    status,
    offeredStartsAt: timestamp.nullable(),
    offerExpiresAt: timestamp.nullable(),
    bookingId: uuid.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('WaitlistEntry');

const waitlistCreate = z
  .strictObject({
    phone: e164,
    name: z.string().trim().min(1).max(120).optional(),
    /** Empty or absent: any service that frees up that day. */
    service: z.string().trim().max(120).optional(),
    /** The business's local date the caller wants. */
    day: z.iso.date(),
    language: z.string().min(2).max(16).optional(),
  })
  .openapi('WaitlistEntryCreate');

/** What the API shows of an entry: the offering workflow's id is the worker's business. */
function view(e: Awaited<ReturnType<typeof getWaitlistEntry>>) {
  if (!e) return e;
  const { offerWorkflowId: _workflow, ...rest } = e;
  return rest;
}

export const waitlistRoutes = [
  defineRoute({
    operationId: 'listWaitlist',
    method: 'get',
    path: '/tenants/{tenantId}/waitlist',
    summary: 'List callers waiting for a day that was full, newest first',
    tag: 'waitlist',
    access: 'tenant',
    params: tenantParams,
    query: pageQuery.extend({ day: z.iso.date().optional(), status: status.optional() }),
    status: 200,
    response: pageOf('WaitlistEntry', waitlistEntrySchema),
    handler: async ({ db, params, query }) => {
      const page = await listWaitlist(
        db,
        params.tenantId,
        { day: query.day, status: query.status },
        query,
      );
      return { ...page, items: page.items.map(view) };
    },
  }),
  defineRoute({
    operationId: 'addWaitlistEntry',
    method: 'post',
    path: '/tenants/{tenantId}/waitlist',
    summary: 'Put a caller on the waitlist of a day; joining again keeps their place',
    tag: 'waitlist',
    access: 'tenant',
    params: tenantParams,
    body: waitlistCreate,
    status: 201,
    response: waitlistEntrySchema,
    handler: async ({ db, params, body, audit }) => {
      const contact = await upsertContactByPhone(db, params.tenantId, body.phone);
      const { entry, created } = await addWaitlistEntry(db, params.tenantId, {
        contactId: contact.id,
        phone: body.phone,
        name: body.name ?? contact.name,
        service: body.service ?? '',
        day: body.day,
        language: body.language ?? contact.language,
      });
      if (created)
        await audit({
          action: 'waitlist.add',
          resourceType: 'waitlist_entry',
          resourceId: entry.id,
          after: view(entry),
        });
      return view(entry);
    },
  }),
  defineRoute({
    operationId: 'removeWaitlistEntry',
    method: 'delete',
    path: '/tenants/{tenantId}/waitlist/{entryId}',
    summary: 'Take a caller off the waitlist (an offer under way lapses)',
    tag: 'waitlist',
    access: 'tenant',
    params: withTenant({ entryId: uuid }),
    status: 200,
    response: waitlistEntrySchema,
    handler: async ({ db, params, audit }) => {
      const before = orNotFound(
        await getWaitlistEntry(db, params.tenantId, params.entryId),
        'waitlist entry',
      );
      const after = (await removeWaitlistEntry(db, params.tenantId, params.entryId)) ?? before;
      await audit({
        action: 'waitlist.remove',
        resourceType: 'waitlist_entry',
        resourceId: params.entryId,
        before: view(before),
        after: view(after),
      });
      return view(after);
    },
  }),
];
