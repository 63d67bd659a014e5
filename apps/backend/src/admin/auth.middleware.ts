import type { RequestHandler, Response } from 'express';
import { findApiKeyByPrefix, touchApiKey, type ApiKey } from '@receptionist/db';
import { HttpError } from '@receptionist/observability';
import type { AdminDeps } from './admin-deps.ts';
import { parseApiKey, secretMatches } from './api-key.ts';
import type { AdminRoute } from './route-table.ts';

function unauthorized(res: Response, message: string): HttpError {
  res.setHeader('WWW-Authenticate', 'Bearer realm="admin"');
  return new HttpError(401, 'unauthorized', message);
}

export function currentKey(res: Response): ApiKey {
  return res.locals.apiKey as ApiKey;
}

/** `Authorization: Bearer rcp_…`; missing, unknown, wrong and revoked keys all answer 401. */
export function authenticate(deps: Pick<AdminDeps, 'db' | 'logger'>): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized(res, 'an API key is required (Authorization: Bearer <key>)');
    const parsed = parseApiKey(match[1]!);
    if (!parsed) throw unauthorized(res, 'invalid API key');
    const stored = await findApiKeyByPrefix(deps.db, parsed.prefix);
    if (!stored || !secretMatches(parsed.secret, stored.secretHash)) {
      throw unauthorized(res, 'invalid API key');
    }
    if (stored.revokedAt) throw unauthorized(res, 'the API key has been revoked');
    const { secretHash: _hash, ...key } = stored;
    res.locals.apiKey = key;
    // Bookkeeping only: a failed last-used update must not fail the request.
    touchApiKey(deps.db, key.id).catch((err: unknown) =>
      deps.logger.warn({ err, keyPrefix: key.prefix }, 'could not record API key use'),
    );
    next();
  };
}

/** Scope and role checks; scope first so another business's ids are never confirmed to exist. */
export function authorize(route: AdminRoute): RequestHandler {
  return (req, res, next) => {
    const key = currentKey(res);
    if (route.access === 'platform' && key.tenantId !== null) {
      throw new HttpError(403, 'forbidden', 'this operation needs a platform key');
    }
    if (
      route.access === 'tenant' &&
      key.tenantId !== null &&
      key.tenantId !== req.params.tenantId
    ) {
      throw new HttpError(404, 'not_found', 'tenant not found');
    }
    if (route.write && key.role !== 'admin') {
      throw new HttpError(403, 'forbidden', 'this operation needs an admin key');
    }
    next();
  };
}
