import type { WorkerConfig } from '@receptionist/config';
import type { Db } from '@receptionist/db';
import type { BreakerFactory } from '@receptionist/integrations/breaker';
import { createCalendars } from '@receptionist/integrations/calendar';
import { createMailer } from '@receptionist/integrations/email';
import { createSmsSender } from '@receptionist/integrations/sms';
import { createStripeGateway } from '@receptionist/integrations/stripe';
import type { Logger } from '@receptionist/observability';

/**
 * The calendar, payment, SMS and mail clients from the worker's config. The one SMS sender serves
 * the booking texts and the call and SMS channel alike; the mailer tells staff of escalations.
 */
export function createBookingIntegrations(deps: {
  config: Pick<WorkerConfig, 'CALCOM_API_BASE_URL'> &
    Partial<
      Pick<
        WorkerConfig,
        | 'STRIPE_SECRET_KEY'
        | 'STRIPE_API_BASE_URL'
        | 'TWILIO_ACCOUNT_SID'
        | 'TWILIO_AUTH_TOKEN'
        | 'TWILIO_API_BASE_URL'
        | 'TWILIO_TIMEOUT_MS'
        | 'SMTP_URL'
        | 'MAIL_FROM'
        | 'SMTP_TIMEOUT_MS'
      >
    >;
  db: Db;
  logger: Logger;
  breakers: BreakerFactory;
}) {
  const { config } = deps;
  const { breakers } = deps;
  return {
    calendars: createCalendars({
      db: deps.db,
      breakers,
      calcomBaseUrl: config.CALCOM_API_BASE_URL,
    }),
    sms: createSmsSender({
      db: deps.db,
      breakers,
      twilio: {
        accountSid: config.TWILIO_ACCOUNT_SID,
        authToken: config.TWILIO_AUTH_TOKEN,
        apiBaseUrl: config.TWILIO_API_BASE_URL,
      },
      ...(config.TWILIO_TIMEOUT_MS ? { timeoutMs: config.TWILIO_TIMEOUT_MS } : {}),
      logger: deps.logger,
    }),
    mailer: createMailer({
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM ?? 'Receptionist <no-reply@localhost>',
      breakers,
      logger: deps.logger,
      ...(config.SMTP_TIMEOUT_MS ? { timeoutMs: config.SMTP_TIMEOUT_MS } : {}),
    }),
    stripe: config.STRIPE_SECRET_KEY
      ? createStripeGateway({
          secretKey: config.STRIPE_SECRET_KEY,
          apiBaseUrl: config.STRIPE_API_BASE_URL,
          breakers,
        })
      : null,
  };
}
