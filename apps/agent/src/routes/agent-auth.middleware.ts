import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError, type Logger } from '@receptionist/observability';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Only the backend and the worker may ask for turns: they present the shared secret as
 * `Authorization: Bearer <AGENT_SHARED_SECRET>`. Anything else is answered 401 before the body
 * is read. Compared as hashes, in constant time, so neither the secret nor its length leaks.
 * Without a configured secret (development and tests only; production refuses to start) the
 * turn endpoints stay open.
 */
export function agentAuth(opts: { secret: string | undefined; logger: Logger }): RequestHandler {
  if (!opts.secret) {
    opts.logger.warn('AGENT_SHARED_SECRET is not set: turn requests are not authenticated');
    return (_req, _res, next) => next();
  }
  const expected = digest(opts.secret);
  return (req, _res, next) => {
    const header = req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!token || !timingSafeEqual(digest(token), expected)) {
      next(new HttpError(401, 'unauthorized', 'a valid agent bearer token is required'));
      return;
    }
    next();
  };
}
