-- Accounts for coaches and staff, their sessions, single-use links, the outbox of email,
-- profile revisions awaiting approval, engagements, bursary places, and the audit log.

CREATE TABLE accounts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL CHECK (position('@' IN email) > 1),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    -- argon2id, in PHC string form. Empty until the invited person sets a password.
    password_hash text,
    -- The two roles; one person may hold both.
    staff boolean NOT NULL DEFAULT false,
    coach boolean NOT NULL DEFAULT false,
    -- The coach profile this account keeps, once it has one: one account per coach.
    coach_id uuid UNIQUE REFERENCES coaches (id),
    CHECK (coach OR coach_id IS NULL),
    disabled_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));
CREATE TRIGGER accounts_updated_at BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Server-side sessions. Only a hash of the cookie's token is stored, so a copy of this table
-- cannot be used to sign in.
CREATE TABLE sessions (
    token_hash bytea PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Invitations and password resets: single use, expiring, stored as hashes.
CREATE TABLE account_links (
    token_hash bytea PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);
CREATE INDEX account_links_account ON account_links (account_id);

-- Every email, written in the same transaction as what caused it, so none is ever lost: sent
-- and retried by the delivery worker when a mail server is configured, read by staff at
-- /staff/outbox either way.
CREATE TABLE outbox (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL CHECK (kind IN (
        'invitation', 'password_reset', 'new_request', 'request_accepted', 'request_declined',
        'profile_approved', 'profile_rejected')),
    to_address text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text,
    sent_at timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Suspended: hidden from the public and the account disabled.
ALTER TABLE coaches DROP CONSTRAINT coaches_status_check;
ALTER TABLE coaches ADD CONSTRAINT coaches_status_check
    CHECK (status IN ('draft', 'pending_approval', 'published', 'hidden', 'suspended'));
-- Why staff sent a new profile back, shown to its coach; and when it was last sent for approval.
ALTER TABLE coaches ADD COLUMN rejection_reason text;
ALTER TABLE coaches ADD COLUMN submitted_at timestamptz;

-- Changes to a published profile wait here for approval; the public keeps seeing the
-- approved version in `coaches`.
CREATE TABLE coach_profile_revisions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    coach_id uuid NOT NULL REFERENCES coaches (id),
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
    profile jsonb NOT NULL,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    reviewed_at timestamptz,
    reviewed_by uuid REFERENCES accounts (id),
    reason text
);
CREATE UNIQUE INDEX coach_profile_revisions_one_pending
    ON coach_profile_revisions (coach_id) WHERE status = 'pending';

-- A coach's answer to a request.
ALTER TABLE expressions_of_interest
    ADD COLUMN responded_at timestamptz,
    ADD COLUMN response_message text,
    ADD COLUMN bursary_decision text CHECK (bursary_decision IN ('approved', 'declined')),
    ADD COLUMN bursary_decided_at timestamptz,
    ADD COLUMN bursary_decided_by uuid REFERENCES accounts (id),
    ADD CONSTRAINT bursary_decisions_are_for_bursary_requests
        CHECK (bursary_decision IS NULL OR funding_route = 'bursary');

-- A leader and a coach working together, from acceptance to close.
CREATE TABLE engagements (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    expression_of_interest_id uuid NOT NULL UNIQUE REFERENCES expressions_of_interest (id),
    coach_id uuid NOT NULL REFERENCES coaches (id),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'ended_early')),
    started_at timestamptz NOT NULL DEFAULT now(),
    closed_at timestamptz,
    CHECK ((status = 'active') = (closed_at IS NULL))
);
CREATE INDEX engagements_coach ON engagements (coach_id, status);

CREATE TABLE coaching_sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    engagement_id uuid NOT NULL REFERENCES engagements (id),
    held_on date NOT NULL,
    minutes integer NOT NULL CHECK (minutes BETWEEN 15 AND 240),
    -- From a hidden field in the form: the same form sent twice records one session.
    submission_id uuid UNIQUE,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coaching_sessions_engagement ON coaching_sessions (engagement_id, held_on);

-- How many bursaries staff may approve each year.
CREATE TABLE bursary_places (
    year integer PRIMARY KEY CHECK (year BETWEEN 2020 AND 2100),
    places integer NOT NULL CHECK (places >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every staff action: who, what, when, before and after. Nobody can change or delete a line.
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor_id uuid REFERENCES accounts (id),
    actor_email text NOT NULL,
    action text NOT NULL,
    subject text NOT NULL,
    before jsonb,
    after jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE FUNCTION refuse_audit_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_log_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_log_change();
