import express from 'express';
import type { TwilioDeps } from './deps.ts';
import { twilioSignature } from './signature.middleware.ts';
import { createSmsRouter } from './sms.routes.ts';
import { createStatusRouter } from './status.routes.ts';
import { createOutboundCallRouter } from './outbound-call.routes.ts';
import { createVoiceRouter } from './voice.routes.ts';

export type { TwilioDeps } from './deps.ts';

/** Every Twilio webhook: form body, then the signature check, then the handlers. */
export function createTwilioRouter(deps: TwilioDeps): express.Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '64kb' }));
  router.use(
    twilioSignature({
      authToken: deps.config.TWILIO_AUTH_TOKEN,
      publicBaseUrl: deps.config.PUBLIC_BASE_URL,
      logger: deps.logger,
    }),
  );
  router.use(createOutboundCallRouter(deps));
  router.use(createVoiceRouter(deps));
  router.use(createStatusRouter(deps));
  router.use(createSmsRouter(deps));
  return router;
}
