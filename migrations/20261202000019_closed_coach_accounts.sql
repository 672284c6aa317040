-- A coach can close their account (and staff can erase one on request): the account goes, and
-- the profile row stays only as what names no one (region, postcode area, themes, languages,
-- formats), because requests and coaching that others took part in still point to it.
ALTER TABLE coaches DROP CONSTRAINT coaches_status_check;
ALTER TABLE coaches ADD CONSTRAINT coaches_status_check
    CHECK (status IN ('draft', 'pending_approval', 'published', 'hidden', 'suspended', 'closed'));
ALTER TABLE coaches ADD COLUMN erased_at timestamptz;

-- Staff producing or erasing someone's data name them by address: kept beside the log, where
-- that person's erasure finds it.
ALTER TABLE audit_details ADD COLUMN email text;
CREATE INDEX audit_details_email ON audit_details (lower(email)) WHERE email IS NOT NULL;
