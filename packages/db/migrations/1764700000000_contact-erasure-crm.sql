-- Up Migration

-- An erasure also reaches the business's CRM, as a step after the database's. The contact row
-- (and its number) is gone by then, so the number is kept here for that step alone — to find a
-- CRM contact we never stored an id for — and cleared when the step is done; the step's outcome
-- joins the erasure's counts (crm, crmWebhook).
ALTER TABLE contact_erasures ADD COLUMN crm_phone text;

-- Down Migration

ALTER TABLE contact_erasures DROP COLUMN IF EXISTS crm_phone;
