import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import {
  InvalidCursorError,
  insertAuditEntry,
  tenantExists,
  withTransaction,
  type Queryable,
} from '@receptionist/db';
import { publishTenantProfileChange } from '@receptionist/db/tenant-profiles';
import { HttpError, maskPhone } from '@receptionist/observability';
import type { AdminDeps } from './admin-deps.ts';
import { authenticate, authorize, currentKey } from './auth.middleware.ts';
import { docsPage } from './docs.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { tryItOperation } from '../console/try-it.routes.ts';
import { createRateLimits } from './rate-limit.middleware.ts';
import type { AdminRoute, AuditInput, HandlerContext } from './route-table.ts';
import { adminRoutes } from './routes.ts';

const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Filters such as ?number=+1415… would reach the access log with the URL: mask numbers in the
 * logged URL. Mounted before the access logger (it binds the URL when the request starts).
 */
export const maskPhoneNumbersInUrl: RequestHandler = (req, _res, next) => {
  const q = req.originalUrl.indexOf('?');
  if (q >= 0) {
    let query = req.originalUrl.slice(q);
    try {
      query = decodeURIComponent(query);
    } catch {
      // A malformed escape is logged as sent; the phone pattern still matches plain digits.
    }
    req.originalUrl = req.originalUrl.slice(0, q) + maskPhone(query);
  }
  next();
};

/** PostgreSQL text cannot hold NUL; refuse it as bad input instead of failing at the database. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  }
  return false;
}

function handle(route: AdminRoute, deps: AdminDeps): RequestHandler {
  return async (req, res) => {
    const key = currentKey(res);
    if (containsNul(req.body) || containsNul(req.query)) {
      throw new HttpError(400, 'validation_failed', 'text may not contain NUL characters', [
        { path: '', message: 'NUL character', code: 'invalid_string' },
      ]);
    }
    const params = route.params ? route.params.parse(req.params) : {};
    const query = route.query ? route.query.parse(req.query) : {};
    const body = route.body ? route.body.parse(req.body) : undefined;
    const tenantId = (params as { tenantId?: string }).tenantId;
    if (route.access === 'tenant' && tenantId && !(await tenantExists(deps.db, tenantId))) {
      throw new HttpError(404, 'not_found', 'tenant not found');
    }
    const changedProfiles = new Set<string>();
    const run = (db: Queryable) => {
      const ctx: HandlerContext<unknown, unknown, unknown> = {
        params,
        query,
        body,
        key,
        db,
        deps,
        audit: async (e: AuditInput) => {
          await insertAuditEntry(db, {
            tenantId: e.tenantId === undefined ? (tenantId ?? null) : e.tenantId,
            apiKeyId: key.id,
            actor: `api_key:${key.prefix}`,
            action: e.action,
            resourceType: e.resourceType,
            resourceId: e.resourceId,
            before: e.before,
            after: e.after,
          });
        },
        profileChanged: (id) => changedProfiles.add(id),
      };
      return route.handler(ctx as never);
    };
    try {
      // A write and its audit entry commit together or not at all.
      const result = route.write ? await withTransaction(deps.db, run) : await run(deps.db);
      // After the commit, or a cache would re-read the old row. A lost message costs the caches'
      // TTL at worst; while Redis is away they read Postgres anyway.
      await Promise.all(
        [...changedProfiles].map((id) =>
          publishTenantProfileChange(deps.redis, id).catch((err: unknown) =>
            deps.logger.warn({ err, tenantId: id }, 'tenant profile change not published'),
          ),
        ),
      );
      res.status(route.status).json(result);
    } catch (err) {
      if (err instanceof InvalidCursorError) {
        throw new HttpError(400, 'invalid_cursor', 'the cursor is not one this API issued');
      }
      throw err;
    }
  };
}

/** The admin REST API, mounted at /admin/v1. */
export function createAdminRouter(
  deps: AdminDeps,
  routes: AdminRoute[] = adminRoutes,
): express.Router {
  const router = express.Router();
  const limits = createRateLimits(deps);
  const document = buildOpenApiDocument(routes, [tryItOperation]);
  const docs = docsPage(routes);
  router.use(helmet());
  router.use(limits.perIp);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(docs);
  });
  const auth = authenticate(deps);
  const json = express.json({ limit: deps.config.ADMIN_BODY_LIMIT_BYTES, strict: true });
  for (const route of routes) {
    router[route.method](
      expressPath(route.path),
      auth,
      limits.perKey,
      authorize(route),
      json,
      handle(route, deps),
    );
  }
  return router;
}
