-- Requests that ended without coaching lose their personal details 12 months after the end,
-- and coaching loses its leader's 2 years after it closed (app/src/retention): the row stays,
-- so the take-up overview still counts it, with only what describes no one.
ALTER TABLE expressions_of_interest
    ADD COLUMN erased_at timestamptz,
    -- The leader's evaluation id, kept once their email address is gone.
    ADD COLUMN evaluation_id text CHECK (evaluation_id ~ '^L-[0-9A-Z]{10}$');

-- An erased request keeps its postcode's area only, and no goals.
ALTER TABLE expressions_of_interest DROP CONSTRAINT expressions_of_interest_postcode_check;
ALTER TABLE expressions_of_interest ADD CONSTRAINT expressions_of_interest_postcode_check
    CHECK (postcode ~ '^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$'
           OR (erased_at IS NOT NULL AND postcode ~ '^[A-Z]{1,2}$'));
ALTER TABLE expressions_of_interest DROP CONSTRAINT expressions_of_interest_goals_check;
ALTER TABLE expressions_of_interest ADD CONSTRAINT expressions_of_interest_goals_check
    CHECK (char_length(goals) BETWEEN 20 AND 2000 OR (erased_at IS NOT NULL AND goals = ''));

CREATE INDEX leader_requests_ended ON leader_requests (ended_at) WHERE ended_at IS NOT NULL;
