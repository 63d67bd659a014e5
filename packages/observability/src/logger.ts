import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

// E.164-ish numbers anywhere in a string: callers' numbers are personal data.
const PHONE_PATTERN = /\+?\d[\d\s().-]{7,}\d/g;

/** Keeps the last two digits so support can still tell two callers apart in a log. */
export function maskPhone(value: string): string {
  return value.replace(PHONE_PATTERN, (m) => {
    const digits = m.replace(/\D/g, '');
    return digits.length < 8 ? m : `***${digits.slice(-2)}`;
  });
}

// Addresses anywhere in a string (an SMTP error can quote the recipient it refused).
const EMAIL_PATTERN = /([^\s<>()",;:@]+)@([a-z0-9.-]+\.[a-z]{2,}|localhost)\b/gi;

/** Keeps the first character and the domain: enough to tell which mailbox a log line means. */
export function maskEmail(value: string): string {
  return value.replace(EMAIL_PATTERN, (_m, local: string, domain: string) => {
    return `${local.slice(0, 1)}***@${domain}`;
  });
}

const SECRET_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-twilio-signature"]',
  'req.headers["stripe-signature"]',
  'req.headers["x-cal-signature-256"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.apiKey',
  '*.authToken',
  '*.api_key',
  '*.authorization',
  // A connection URL with the relay's user and password in it.
  'SMTP_URL',
  '*.SMTP_URL',
  'smtpUrl',
  '*.smtpUrl',
];

// Twilio's parameter names and ours for phone numbers, at the top level and one level down.
const PHONE_KEYS = [
  'phone',
  'callerPhone',
  'to',
  'from',
  'From',
  'To',
  'Caller',
  'Called',
  'phoneNumber',
  'e164',
];
// Query-string filters (e.g. the admin API's ?number=) reach the access log through req.query.
const QUERY_PHONE_KEYS = [...PHONE_KEYS, 'number'];
// Staff mailboxes; `to` above may hold an address too, so both keys get both masks.
const EMAIL_KEYS = ['email'];
const MASKED_PATHS = [
  ...PHONE_KEYS,
  ...PHONE_KEYS.map((k) => `*.${k}`),
  ...QUERY_PHONE_KEYS.map((k) => `req.query.${k}`),
  ...EMAIL_KEYS,
  ...EMAIL_KEYS.map((k) => `*.${k}`),
];
const MASKED_KEYS = new Set([...QUERY_PHONE_KEYS, ...EMAIL_KEYS]);

export interface LoggerSettings {
  service: string;
  level?: LoggerOptions['level'];
  /** Where lines go; tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

export function createLogger({ service, level = 'info', destination }: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: [...SECRET_PATHS, ...MASKED_PATHS],
      censor: (value, path) => {
        const key = path[path.length - 1] ?? '';
        if (MASKED_KEYS.has(key) && typeof value === 'string') return maskEmail(maskPhone(value));
        return '[redacted]';
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
