-- Two kinds of staff. Staff moderate, follow requests and read the overview; admins do that and
-- also look after the programme's settings and its people (inviting staff, disabling them,
-- changing their role). Every staff member made before this could do everything, and the
-- first one is made at the command line: they become admins, so no deployment is left
-- without one.
ALTER TABLE accounts ADD COLUMN admin boolean NOT NULL DEFAULT false;
ALTER TABLE accounts ADD CONSTRAINT admins_are_staff CHECK (NOT admin OR staff);
UPDATE accounts SET admin = true WHERE staff;

-- Staff sign in with a second factor: a code from an authenticator app (TOTP, RFC 6238), or
-- one of ten single-use recovery codes. The app's shared secret is sealed with the data key,
-- like special-category data (a copy of the database alone cannot make codes). The last time
-- step accepted is kept, so that a code is used once.
ALTER TABLE accounts ADD COLUMN totp_secret_sealed bytea;
ALTER TABLE accounts ADD COLUMN totp_last_step bigint;
ALTER TABLE accounts ADD COLUMN second_factor_set_at timestamptz;
ALTER TABLE accounts ADD CONSTRAINT second_factor_whole
    CHECK ((totp_secret_sealed IS NULL) = (second_factor_set_at IS NULL));

-- Only a salted hash of each recovery code is stored.
CREATE TABLE recovery_codes (
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash bytea NOT NULL,
    used_at timestamptz,
    PRIMARY KEY (account_id, code_hash)
);

-- A staff member whose password was right but who has not yet given a second factor. The
-- browser holds the token in a cookie of its own; the row lives ten minutes and five wrong
-- codes. While they set up an app, it holds the secret they are shown (sealed), until a code
-- from the app proves they have it.
CREATE TABLE second_factor_challenges (
    token_hash bytea PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    next_path text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    wrong_codes integer NOT NULL DEFAULT 0,
    new_secret_sealed bytea
);
CREATE INDEX second_factor_challenges_account ON second_factor_challenges (account_id);

-- Sessions staff started with a password alone end now.
DELETE FROM sessions WHERE account_id IN (SELECT id FROM accounts WHERE staff);
