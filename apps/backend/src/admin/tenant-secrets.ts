import { getTenantSecrets, type Queryable } from '@receptionist/db';
import {
  assertSlackWebhookUrl,
  checkUrlShape,
  SLACK_WEBHOOK_POLICY,
  UnsafeUrlError,
} from '@receptionist/integrations/outbound-url';
import { HttpError } from '@receptionist/observability';
import { z } from './schema-primitives.ts';

/**
 * Secrets in the business profile (Cal.com API key and webhook secret, Slack webhook URLs) are
 * write-only: reads answer { "set": true }. On write a string sets the secret, { "set": true }
 * keeps the stored one (so a profile read and sent back loses nothing), and for the Cal.com ones
 * null clears it; a Cal.com secret left out of calendarSettings is kept as well.
 */
export const secretSetSchema = z.strictObject({ set: z.literal(true) }).openapi('SecretSet');

const WRITE_ONLY =
  'Write-only: answered as {"set": true}. Send a string to set it, {"set": true} to keep it.';

export const writeOnlySecret = (value: z.ZodType<string>) =>
  z.union([value, secretSetSchema]).openapi({ description: WRITE_ONLY });

export const slackWebhookUrlInput = writeOnlySecret(
  z
    .string()
    .max(500)
    .refine((u) => {
      try {
        checkUrlShape(u, SLACK_WEBHOOK_POLICY);
        return true;
      } catch {
        return false;
      }
    }, 'only https://hooks.slack.com/services/... webhook URLs are accepted'),
);

export const calendarSecretInputs = {
  apiKey: writeOnlySecret(z.string().trim().min(1).max(200)).nullable().optional(),
  webhookSecret: writeOnlySecret(z.string().min(16).max(256)).nullable().optional(),
};

type Secret = string | { set: true } | null | undefined;
interface ProfileInput {
  calendarSettings?: Record<string, unknown> & { apiKey?: Secret; webhookSecret?: Secret };
  escalationContacts?: { name: string; slackWebhookUrl?: Secret }[];
}

/** The write with every marker replaced: secrets are plain strings (or absent). */
type Resolved<T> = Omit<T, 'escalationContacts'> & {
  escalationContacts?: (Omit<
    NonNullable<T extends { escalationContacts?: (infer C)[] } ? C : never>,
    'slackWebhookUrl'
  > & {
    slackWebhookUrl?: string;
  })[];
};

const invalid = (path: string, message: string) =>
  new HttpError(400, 'validation_failed', message, [{ path, message, code: 'custom' }]);

/**
 * Turns the write-only markers of a profile write into the values to store: { set: true } and
 * a left-out Cal.com secret become the stored secret, null is removed. New Slack URLs must
 * resolve only to public addresses (unless the deployment points Slack at a stand-in).
 */
export async function resolveSecretInputs<T extends ProfileInput>(
  db: Queryable,
  tenantId: string | null,
  body: T,
  opts: { slackStandIn: boolean },
): Promise<Resolved<T>> {
  if (!body.calendarSettings && !body.escalationContacts) return body as Resolved<T>;
  const stored = tenantId ? await getTenantSecrets(db, tenantId) : null;
  const out = { ...body };
  if (body.calendarSettings) {
    const settings: Record<string, unknown> = { ...body.calendarSettings };
    const keep = {
      apiKey: stored?.calcomApiKey ?? null,
      webhookSecret: stored?.calcomWebhookSecret ?? null,
    };
    for (const k of ['apiKey', 'webhookSecret'] as const) {
      const v = settings[k] as Secret;
      if (typeof v === 'string') continue;
      if (v && keep[k] === null)
        throw invalid(`calendarSettings.${k}`, `no ${k} is stored to keep; send the value`);
      if (v === null || keep[k] === null) delete settings[k];
      else settings[k] = keep[k];
    }
    out.calendarSettings = settings as T['calendarSettings'];
  }
  if (body.escalationContacts) {
    const unused = [...(stored?.contacts ?? [])];
    const contacts = [];
    for (const [i, c] of body.escalationContacts.entries()) {
      const v = c.slackWebhookUrl;
      if (typeof v === 'string') {
        if (!opts.slackStandIn) {
          try {
            await assertSlackWebhookUrl(v);
          } catch (err) {
            if (!(err instanceof UnsafeUrlError)) throw err;
            throw invalid(`escalationContacts.${i}.slackWebhookUrl`, err.message);
          }
        }
        contacts.push(c);
      } else if (v) {
        // Kept: the stored URL of the contact by that name (each stored contact used once).
        const at = unused.findIndex((s) => s.name === c.name && s.slackWebhookUrl);
        if (at < 0)
          throw invalid(
            `escalationContacts.${i}.slackWebhookUrl`,
            `no Slack webhook is stored for ${c.name}; send the URL`,
          );
        contacts.push({ ...c, slackWebhookUrl: unused.splice(at, 1)[0]!.slackWebhookUrl });
      } else {
        const { slackWebhookUrl: _dropped, ...rest } = c;
        contacts.push(rest);
      }
    }
    out.escalationContacts = contacts as T['escalationContacts'];
  }
  return out as Resolved<T>;
}
