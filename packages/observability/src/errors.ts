import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from './logger.ts';

/** An error with a status and a machine-readable code; anything else becomes a 500. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

interface ZodLikeError {
  name: string;
  issues: { path: PropertyKey[]; message: string; code: string }[];
}

function isZodError(err: unknown): err is ZodLikeError {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as ZodLikeError).name === 'ZodError' &&
    Array.isArray((err as ZodLikeError).issues)
  );
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, details: details ?? null } };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `no route for ${req.method} ${req.path}`));
};

/** The one error middleware: every failure leaves as {error: {code, message, details}}. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (err instanceof HttpError) {
      res.status(err.status).json(errorBody(err.code, err.message, err.details));
      return;
    }
    if (isZodError(err)) {
      res.status(400).json(
        errorBody(
          'validation_failed',
          'the request is invalid',
          err.issues.map((i) => ({
            path: i.path.map(String).join('.'),
            message: i.message,
            code: i.code,
          })),
        ),
      );
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    // body-parser's own errors carry a status: malformed JSON, too large, wrong charset.
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      const code =
        e.type === 'entity.too.large'
          ? 'payload_too_large'
          : e.type === 'entity.parse.failed'
            ? 'malformed_body'
            : 'bad_request';
      res.status(e.status).json(errorBody(code, e.message ?? 'bad request'));
      return;
    }
    logger.error({ err }, 'unhandled error');
    res.status(500).json(errorBody('internal', 'internal error'));
  };
}
