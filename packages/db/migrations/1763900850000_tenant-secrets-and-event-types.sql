-- Up Migration

-- A Cal.com event type belongs to one business. Two businesses naming the same eventTypeId made
-- whose event it was ambiguous (the copy won); now the database refuses the second claim. Existing
-- duplicates cannot be settled here (which one owns it?), so the migration stops and says so.
DO $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM tenants
     WHERE jsonb_typeof(calendar_settings) = 'object' AND calendar_settings ? 'eventTypeId'
     GROUP BY calendar_settings->>'eventTypeId'
    HAVING count(*) > 1 AND calendar_settings->>'eventTypeId' IS NOT NULL
  ) THEN
    RAISE EXCEPTION 'several businesses name the same Cal.com eventTypeId; give each its own first';
  END IF;
END
$$;
CREATE UNIQUE INDEX tenants_calcom_event_type_key ON tenants ((calendar_settings->>'eventTypeId'))
  WHERE calendar_settings ? 'eventTypeId';

-- Secrets are write-only from now on; earlier audit copies of a business profile held the Cal.com
-- API key and Slack webhook URLs in clear. Replace them with the marker the API answers now.
CREATE FUNCTION pg_temp.redact_tenant(j jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  contacts jsonb := '[]'::jsonb;
  c jsonb;
  k text;
BEGIN
  IF j IS NULL OR jsonb_typeof(j) <> 'object' THEN
    RETURN j;
  END IF;
  IF jsonb_typeof(j->'calendarSettings') = 'object' THEN
    FOREACH k IN ARRAY ARRAY['apiKey', 'webhookSecret'] LOOP
      IF j->'calendarSettings' ? k THEN
        j := jsonb_set(j, ARRAY['calendarSettings', k], '{"set": true}'::jsonb);
      END IF;
    END LOOP;
  END IF;
  IF jsonb_typeof(j->'escalationContacts') = 'array' THEN
    FOR c IN SELECT value FROM jsonb_array_elements(j->'escalationContacts') LOOP
      IF jsonb_typeof(c) = 'object' AND c ? 'slackWebhookUrl' THEN
        c := jsonb_set(c, '{slackWebhookUrl}', '{"set": true}'::jsonb);
      END IF;
      contacts := contacts || jsonb_build_array(c);
    END LOOP;
    j := jsonb_set(j, '{escalationContacts}', contacts);
  END IF;
  RETURN j;
END
$$;
UPDATE audit_log
   SET before = pg_temp.redact_tenant(before), after = pg_temp.redact_tenant(after)
 WHERE resource_type = 'tenant';

-- Down Migration

DROP INDEX tenants_calcom_event_type_key;
