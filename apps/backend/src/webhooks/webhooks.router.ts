import express, { type Router } from 'express';
import type { Db } from '@receptionist/db';
import type { StripeGateway } from '@receptionist/integrations/stripe';
import type { Logger } from '@receptionist/observability';
import type { BookingClient } from '@receptionist/booking-client';
import { createCalcomWebhookRouter } from './calcom.routes.ts';
import { createStripeWebhookRouter } from './stripe.routes.ts';

export interface WebhooksDeps {
  db: Db;
  logger: Logger;
  bookings: BookingClient;
  stripe: Pick<StripeGateway, 'verifyWebhook'> | null;
}

/**
 * POST /webhooks/stripe and POST /webhooks/calcom/{tenantId} (one URL and secret per business). Each reads the raw body itself (signatures
 * are over the exact bytes), so mount this before any JSON body parser.
 */
export function createWebhooksRouter(deps: WebhooksDeps): Router {
  const router = express.Router();
  router.use('/stripe', createStripeWebhookRouter(deps));
  router.use('/calcom', createCalcomWebhookRouter(deps));
  return router;
}
