import { randomBytes } from 'node:crypto';
import { insertConsoleInvite } from '@receptionist/db';
import { hashSecret } from './api-key.ts';
import { defineRoute } from './route-table.ts';
import { tenantParams, timestamp, uuid, z } from './schemas.ts';

const INVITE_DAYS = 7;

const inviteCreatedSchema = z
  .object({
    id: uuid,
    tenantId: uuid,
    name: z.string(),
    role: z.enum(['admin', 'viewer']),
    expiresAt: timestamp,
    link: z.string().openapi({
      description:
        'The console path to send the person, /console/invite#<token>: the token rides in the fragment, which browsers never send to a server; shown once, stored only as a hash',
    }),
  })
  .openapi('ConsoleInviteCreated');

export const inviteRoutes = [
  defineRoute({
    operationId: 'createConsoleInvite',
    method: 'post',
    path: '/tenants/{tenantId}/invites',
    summary:
      'Invite one person to the console: a link, valid once for 7 days, that signs them in with a key of their own',
    tag: 'api keys',
    access: 'tenant',
    params: tenantParams,
    body: z
      .strictObject({
        name: z.string().trim().min(1).max(100),
        role: z.enum(['admin', 'viewer']),
      })
      .openapi('ConsoleInviteCreate'),
    status: 201,
    response: inviteCreatedSchema,
    handler: async ({ db, params, body, audit }) => {
      const token = randomBytes(32).toString('base64url');
      const invite = await insertConsoleInvite(db, params.tenantId, {
        name: body.name,
        role: body.role,
        tokenHash: hashSecret(token),
        expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
      });
      await audit({
        action: 'console_invite.create',
        resourceType: 'console_invite',
        resourceId: invite.id,
        after: invite,
      });
      return { ...invite, link: `/console/invite#${token}` };
    },
  }),
];
