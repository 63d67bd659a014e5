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
const PHONE_PATHS = [
  ...PHONE_KEYS,
  ...PHONE_KEYS.map((k) => `*.${k}`),
  ...QUERY_PHONE_KEYS.map((k) => `req.query.${k}`),
];

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
      paths: [...SECRET_PATHS, ...PHONE_PATHS],
      censor: (value, path) => {
        const key = path[path.length - 1] ?? '';
        if (QUERY_PHONE_KEYS.includes(key) && typeof value === 'string') return maskPhone(value);
        return '[redacted]';
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
