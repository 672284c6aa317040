-- A leader's request as a whole: the private link to their own page (stored only as its
-- hash), and the coaches asked in turn. Each coach asked is a row of expressions_of_interest
-- (`position` 1 is the first choice); the leader's answers are kept on each.
CREATE TABLE leader_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    -- When the request ended (withdrawn, or its last coach declined, or its coaching closed):
    -- the link works until 90 days after.
    ended_at timestamptz,
    withdrawn_at timestamptz,
    withdrawal_reason text CHECK (length(withdrawal_reason) <= 2000)
);

ALTER TABLE expressions_of_interest
    ADD COLUMN leader_request_id uuid REFERENCES leader_requests (id),
    ADD COLUMN position smallint NOT NULL DEFAULT 1 CHECK (position >= 1);
CREATE INDEX expressions_of_interest_leader_request
    ON expressions_of_interest (leader_request_id, position);

-- Emails to a coach once they accept (the leader's contact details) and when a leader withdraws.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (
    'invitation', 'password_reset', 'new_request', 'request_received', 'request_already_open',
    'request_accepted', 'leader_contact', 'request_declined', 'request_withdrawn',
    'bursary_decided', 'profile_approved', 'profile_rejected'));

-- A coach who does not answer in time: the request expires (the rules are in the code).
ALTER TABLE expressions_of_interest DROP CONSTRAINT expressions_of_interest_status_check;
ALTER TABLE expressions_of_interest ADD CONSTRAINT expressions_of_interest_status_check
    CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired'));
