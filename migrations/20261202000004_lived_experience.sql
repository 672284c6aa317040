-- A coach's lived experience apart from the communities they serve or know well: much of it is
-- special-category data, published only with the coach's explicit consent, and cleared at once
-- when they withdraw it. The list is vocabulary::LivedExperience.
ALTER TABLE coaches
    ADD COLUMN lived_experience text[] NOT NULL DEFAULT '{}' CHECK (lived_experience <@ ARRAY[
        'being-from-an-ethnic-minority-community', 'disability', 'being-deaf-or-hard-of-hearing',
        'mental-ill-health', 'being-neurodivergent', 'addiction-and-recovery', 'being-lgbtq',
        'seeking-asylum-or-refuge', 'unpaid-caring', 'living-on-a-low-income',
        'belonging-to-a-faith-community']),
    ADD COLUMN lived_experience_consented_at timestamptz,
    ADD CONSTRAINT lived_experience_only_with_consent
        CHECK (cardinality(lived_experience) = 0 OR lived_experience_consented_at IS NOT NULL);
