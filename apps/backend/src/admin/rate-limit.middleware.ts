import type { RequestHandler, Response } from 'express';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from '@receptionist/observability';
import type { AdminDeps } from './admin-deps.ts';
import { currentKey } from './auth.middleware.ts';

function limiter(
  deps: Pick<AdminDeps, 'redis' | 'logger'>,
  keyPrefix: string,
  perMinute: number,
  keyOf: (req: Parameters<RequestHandler>[0], res: Response) => string,
): RequestHandler {
  const rl = new RateLimiterRedis({
    storeClient: deps.redis,
    keyPrefix,
    points: perMinute,
    duration: 60,
  });
  return async (req, res, next) => {
    try {
      const r = await rl.consume(keyOf(req, res));
      res.setHeader('RateLimit-Limit', String(perMinute));
      res.setHeader('RateLimit-Remaining', String(r.remainingPoints));
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(err.msBeforeNext / 1000))));
        throw new HttpError(429, 'rate_limited', 'too many requests; retry later');
      }
      // Without Redis we cannot count: refuse rather than let an unbounded client through.
      deps.logger.warn({ err }, 'admin rate limiter unavailable');
      throw new HttpError(503, 'rate_limiter_unavailable', 'the service is briefly unavailable');
    }
    next();
  };
}

export function createRateLimits(deps: Pick<AdminDeps, 'redis' | 'logger' | 'config'>) {
  return {
    /** Before authentication: bounds key guessing and anonymous load per client address. */
    perIp: limiter(deps, 'admin-rl:ip', deps.config.ADMIN_IP_RATE_LIMIT_PER_MINUTE, (req) =>
      String(req.ip ?? req.socket.remoteAddress ?? 'unknown'),
    ),
    /** After authentication: one key cannot starve the others. */
    perKey: limiter(
      deps,
      'admin-rl:key',
      deps.config.ADMIN_RATE_LIMIT_PER_MINUTE,
      (_req, res) => currentKey(res).id,
    ),
  };
}
