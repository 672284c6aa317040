-- The version of the privacy notice each leader agreed to when they sent their request
-- (app/src/site/privacy.rs: NOTICE_VERSION). Requests from before versions were kept have none.
ALTER TABLE expressions_of_interest ADD COLUMN privacy_notice_version integer
    CHECK (privacy_notice_version >= 1);
