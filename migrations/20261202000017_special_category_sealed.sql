-- Special-category data sealed at rest with AES-256-GCM (app/src/special_category.rs): which
-- communities a leader's organisation serves, and a coach's lived experience. The key lives
-- outside the database (CASCADE_DATA_KEY), so SQL cannot seal: the server, at start-up, seals
-- what the plain columns still hold and empties them. Nothing writes the plain columns now.
ALTER TABLE expressions_of_interest ADD COLUMN communities_served_sealed bytea;
ALTER TABLE coaches ADD COLUMN lived_experience_sealed bytea;
ALTER TABLE coach_profile_revisions ADD COLUMN lived_experience_sealed bytea;
ALTER TABLE coaches ADD CONSTRAINT sealed_lived_experience_only_with_consent
    CHECK (lived_experience_sealed IS NULL OR lived_experience_consented_at IS NOT NULL);
