-- Up Migration

-- The language the caller last booked in (one of the tenant's BCP 47 tags): the booking texts
-- that follow (confirmation, reminders, cancellation) and the next call's greeting use it.
-- NULL means the tenant's default language.
ALTER TABLE contacts ADD COLUMN language text CHECK (char_length(language) BETWEEN 2 AND 16);

-- Down Migration

ALTER TABLE contacts DROP COLUMN language;
