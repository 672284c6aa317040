-- Retention that happens (issue 11): when each housekeeping job last ran, so that the worker,
-- which looks every minute, runs the hourly sweep hourly and the daily job daily, and two
-- servers never run one twice.
CREATE TABLE housekeeping_runs (
    job text PRIMARY KEY CHECK (job IN ('sweep', 'retention')),
    last_run_at timestamptz NOT NULL
);

CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX account_links_expires ON account_links (expires_at);
