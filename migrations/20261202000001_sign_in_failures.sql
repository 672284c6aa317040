-- Wrong passwords per account and internet address (an IPv6 /64), for growing waits between
-- tries (see app/src/accounts/throttle.rs). Kept here rather than in memory so that they hold
-- across restarts and across servers. Replaces a per-email count that let anyone lock an
-- account for everyone.
CREATE TABLE sign_in_failures (
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    client_address text NOT NULL CHECK (length(client_address) <= 64),
    failures integer NOT NULL CHECK (failures >= 0),
    last_failed_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, client_address)
);
