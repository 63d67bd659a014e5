import type { RequestHandler } from 'express';
import twilio from 'twilio';
import { HttpError } from '@receptionist/observability';
import type { Logger } from '@receptionist/observability';

/**
 * Twilio signs the URL it called (ours as the world sees it, behind nginx/TLS) plus the POST
 * parameters. A request without a valid signature is refused before anything is read or stored.
 */
export function twilioSignature(opts: {
  authToken: string | undefined;
  publicBaseUrl: string;
  logger: Logger;
}): RequestHandler {
  return (req, _res, next) => {
    const signature = req.header('x-twilio-signature');
    if (!opts.authToken) {
      next(new HttpError(403, 'twilio_not_configured', 'TWILIO_AUTH_TOKEN is not configured'));
      return;
    }
    if (!signature) {
      next(new HttpError(403, 'signature_missing', 'X-Twilio-Signature header is missing'));
      return;
    }
    const url = `${opts.publicBaseUrl}${req.originalUrl}`;
    const params = (req.body ?? {}) as Record<string, string>;
    if (!twilio.validateRequest(opts.authToken, signature, url, params)) {
      opts.logger.warn({ path: req.path }, 'twilio signature rejected');
      next(new HttpError(403, 'signature_invalid', 'X-Twilio-Signature does not match'));
      return;
    }
    next();
  };
}

/** The WebSocket upgrade is signed on the wss:// form of the public URL, with no parameters. */
export function validRelaySignature(opts: {
  authToken: string | undefined;
  publicBaseUrl: string;
  path: string;
  signature: string | undefined;
}): boolean {
  if (!opts.authToken || !opts.signature) return false;
  const url = `${opts.publicBaseUrl.replace(/^http/, 'ws')}${opts.path}`;
  return twilio.validateRequest(opts.authToken, opts.signature, url, {});
}
