-- The cascade: leaders who were coached become coaches in turn. When their coaching closes, a
-- leader may offer to train as a coach; staff see the offers and may invite them; the new
-- coach's record keeps who coached them.
CREATE TABLE training_offers (
    engagement_id uuid PRIMARY KEY REFERENCES engagements (id),
    offered_at timestamptz NOT NULL,
    -- The account staff invited, once they have.
    invited_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
    invited_at timestamptz
);

-- Who coached a coach: on the account from the invitation, and on the profile once it exists.
ALTER TABLE accounts ADD COLUMN coached_by_coach_id uuid REFERENCES coaches (id);
ALTER TABLE coaches ADD COLUMN coached_by uuid REFERENCES coaches (id);
ALTER TABLE coaches ADD CONSTRAINT coaches_not_coached_by_themselves CHECK (coached_by <> id);
CREATE INDEX coaches_coached_by ON coaches (coached_by) WHERE coached_by IS NOT NULL;

-- An invited leader's profile, once made, keeps who coached them.
CREATE FUNCTION keep_who_coached() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.coach_id IS NOT NULL AND NEW.coached_by_coach_id IS NOT NULL
       AND NEW.coach_id <> NEW.coached_by_coach_id THEN
        UPDATE coaches SET coached_by = NEW.coached_by_coach_id
        WHERE id = NEW.coach_id AND coached_by IS NULL;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER accounts_keep_who_coached AFTER INSERT OR UPDATE OF coach_id ON accounts
    FOR EACH ROW EXECUTE FUNCTION keep_who_coached();
