import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { AdminRoute } from './route-table.ts';
import { errorBodySchema } from './schemas.ts';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (validation_failed, invalid_cursor, malformed_body)',
  401: 'Missing, unknown or revoked API key',
  403: 'The key lacks the role or scope for this operation',
  404: 'Not found, including any business the key may not see',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  422: 'Names something the business does not have (unknown_contacts)',
  429: 'Rate limited; see Retry-After',
  503: 'A dependency is unavailable; retry later',
};

/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas that validate.
 * `consoleRoutes` are the console session's own operations (under /console/api, cookie-signed).
 */
export function buildOpenApiDocument(routes: AdminRoute[], consoleRoutes: AdminRoute[] = []) {
  const registry = new OpenAPIRegistry();
  registry.register('Error', errorBodySchema);
  const bearer = registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An admin API key: rcp_<prefix>_<secret>',
  });
  const session = registry.registerComponent('securitySchemes', 'consoleSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'rcp_console',
    description:
      'The console session (POST /console/session); writes also need the rcp_csrf cookie echoed in X-CSRF-Token',
  });
  const sessionRoutes = new Set(consoleRoutes);
  for (const route of [...routes, ...consoleRoutes]) {
    const statuses = new Set([400, 401, 404, 429, 503, ...(route.errors ?? [])]);
    if (route.write || route.access === 'platform') statuses.add(403);
    if (route.body) statuses.add(413);
    const responses: Record<string, unknown> = {
      [route.status]: {
        description: route.summary,
        content: { 'application/json': { schema: route.response } },
      },
    };
    for (const s of [...statuses].sort()) {
      responses[s] = {
        description: ERROR_DESCRIPTIONS[s] ?? 'Error',
        content: { 'application/json': { schema: errorBodySchema } },
      };
    }
    registry.registerPath({
      method: route.method,
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      security: [{ [(sessionRoutes.has(route) ? session : bearer).name]: [] }],
      ...(sessionRoutes.has(route) ? { servers: [{ url: '/console/api' }] } : {}),
      request: {
        ...(route.params ? { params: route.params as never } : {}),
        ...(route.query ? { query: route.query as never } : {}),
        ...(route.body
          ? { body: { required: true, content: { 'application/json': { schema: route.body } } } }
          : {}),
      },
      responses: responses as never,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Receptionist admin API',
      version: '1.0.0',
      description:
        'Set up businesses and watch what the agents do. Every list pages by an opaque cursor; ' +
        'every error is {error: {code, message, details}}.',
    },
    servers: [{ url: '/admin/v1' }],
  });
}
