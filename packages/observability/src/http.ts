import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Router } from 'express';
import express from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { REQUEST_ID_HEADER, runWithRequestId } from './request-context.ts';
import { errorHandler, notFoundHandler } from './errors.ts';

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function routeLabel(req: Request): string {
  // The route template, never the raw path: ids in paths would explode the label set.
  const path = req.route?.path as string | undefined;
  return path ? `${req.baseUrl}${path}` : 'unmatched';
}

/** Request id, structured access log and request duration histogram, in that order. */
export function httpObservability(logger: Logger, metrics: Metrics): RequestHandler[] {
  const requestId: RequestHandler = (req, res, next) => {
    const incoming = req.header(REQUEST_ID_HEADER);
    const id = incoming && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    (req as IncomingMessage & { id: string }).id = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    runWithRequestId(id, next);
  };
  const access = pinoHttp({
    logger,
    genReqId: (req) => (req as IncomingMessage & { id: string }).id,
    autoLogging: {
      ignore: (req) => req.url === '/metrics' || req.url === '/health' || req.url === '/ready',
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  });
  const timing: RequestHandler = (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () =>
      end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }),
    );
    next();
  };
  return [requestId, access, timing];
}

export type ReadinessCheck = () => Promise<unknown>;

async function withTimeout(check: ReadinessCheck, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** /health (alive), /ready (every dependency answers) and /metrics for one process. */
export function healthRouter(opts: {
  metrics: Metrics;
  checks: Record<string, ReadinessCheck>;
  timeoutMs?: number;
}): Router {
  const router = express.Router();
  const timeoutMs = opts.timeoutMs ?? 2_000;
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const names = Object.keys(opts.checks);
    const results = await Promise.allSettled(
      names.map((n) => withTimeout(opts.checks[n]!, timeoutMs)),
    );
    const checks: Record<string, string> = {};
    const failed: string[] = [];
    results.forEach((r, i) => {
      const name = names[i]!;
      if (r.status === 'fulfilled') checks[name] = 'ok';
      else {
        failed.push(name);
        checks[name] = r.reason instanceof Error ? r.reason.message : String(r.reason);
      }
    });
    res
      .status(failed.length ? 503 : 200)
      .json({ status: failed.length ? 'unavailable' : 'ready', failed, checks });
  });
  router.get('/metrics', async (_req, res, next) => {
    try {
      res.setHeader('content-type', opts.metrics.registry.contentType);
      res.send(await opts.metrics.registry.metrics());
    } catch (err) {
      next(err);
    }
  });
  return router;
}

/**
 * The frame every process shares: request ids, access logs, request metrics and the health
 * routes. The caller mounts its own routes, then calls `finish()` to add 404 and error handling.
 */
export function createServiceApp(opts: {
  logger: Logger;
  metrics: Metrics;
  checks: Record<string, ReadinessCheck>;
  configure?: (app: express.Express) => void;
}): { app: express.Express; finish: () => express.Express } {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, uniquelocal');
  opts.configure?.(app);
  app.use(httpObservability(opts.logger, opts.metrics));
  app.use(healthRouter({ metrics: opts.metrics, checks: opts.checks }));
  return {
    app,
    finish: () => {
      app.use(notFoundHandler);
      app.use(errorHandler(opts.logger));
      return app;
    },
  };
}
