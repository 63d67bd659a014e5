import { getApiKey, insertApiKey, listApiKeys, revokeApiKey, tenantExists } from '@receptionist/db';
import { generateApiKey } from './api-key.ts';
import { defineRoute, notFound, orNotFound } from './route-table.ts';
import { apiKeyCreatedSchema, apiKeySchema, pageOf, pageQuery, uuid, z } from './schemas.ts';

export const apiKeyRoutes = [
  defineRoute({
    operationId: 'listApiKeys',
    method: 'get',
    path: '/api-keys',
    summary: 'List API keys (prefix, role, last used); a business key sees its own business only',
    tag: 'api keys',
    access: 'any',
    query: pageQuery,
    status: 200,
    response: pageOf('ApiKey', apiKeySchema),
    handler: ({ db, key, query }) => listApiKeys(db, { tenantId: key.tenantId }, query),
  }),
  defineRoute({
    operationId: 'createApiKey',
    method: 'post',
    path: '/api-keys',
    summary: 'Create a key; the full key is in this response only',
    tag: 'api keys',
    access: 'any',
    body: z
      .strictObject({
        name: z.string().trim().min(1).max(100),
        role: z.enum(['admin', 'viewer']),
        tenantId: uuid.nullable().optional().openapi({
          description: 'The business the key is limited to; omit or null for a platform key',
        }),
      })
      .openapi('ApiKeyCreate'),
    status: 201,
    response: apiKeyCreatedSchema,
    handler: async ({ db, key, body, audit }) => {
      let tenantId = body.tenantId ?? null;
      if (key.tenantId !== null) {
        // A business's key can only mint keys for that business, never platform keys.
        if (tenantId !== null && tenantId !== key.tenantId) throw notFound('tenant');
        tenantId = key.tenantId;
      } else if (tenantId !== null && !(await tenantExists(db, tenantId))) {
        throw notFound('tenant');
      }
      const generated = generateApiKey();
      const created = await insertApiKey(db, {
        tenantId,
        name: body.name,
        prefix: generated.prefix,
        secretHash: generated.secretHash,
        role: body.role,
      });
      await audit({
        tenantId,
        action: 'api_key.create',
        resourceType: 'api_key',
        resourceId: created.id,
        after: created,
      });
      return { ...created, key: generated.key };
    },
  }),
  defineRoute({
    operationId: 'revokeApiKey',
    method: 'delete',
    path: '/api-keys/{keyId}',
    summary: 'Revoke a key; it answers 401 from then on',
    tag: 'api keys',
    access: 'any',
    params: z.object({ keyId: uuid }),
    status: 200,
    response: apiKeySchema,
    handler: async ({ db, key, params, audit }) => {
      const scope = { tenantId: key.tenantId };
      const before = orNotFound(await getApiKey(db, scope, params.keyId), 'API key');
      const after = orNotFound(await revokeApiKey(db, scope, params.keyId), 'API key');
      await audit({
        tenantId: after.tenantId,
        action: 'api_key.revoke',
        resourceType: 'api_key',
        resourceId: after.id,
        before,
        after,
      });
      return after;
    },
  }),
];
