-- Deadlines and passing a request on (issue 9): working days skip weekends and these bank
-- holidays, which staff keep (seeded for 2026 to 2028, as published by GOV.UK).
CREATE TABLE bank_holidays (
    nation text NOT NULL CHECK (nation IN ('england-and-wales', 'scotland', 'northern-ireland')),
    on_date date NOT NULL,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    PRIMARY KEY (nation, on_date)
);

INSERT INTO bank_holidays (nation, on_date, name)
SELECT nation, on_date::date, name FROM (VALUES
    ('2026-01-01', 'New Year''s Day'), ('2026-04-03', 'Good Friday'), ('2026-04-06', 'Easter Monday'),
    ('2026-05-04', 'Early May bank holiday'), ('2026-05-25', 'Spring bank holiday'),
    ('2026-08-31', 'Summer bank holiday'), ('2026-12-25', 'Christmas Day'),
    ('2026-12-28', 'Boxing Day (substitute day)'),
    ('2027-01-01', 'New Year''s Day'), ('2027-03-26', 'Good Friday'), ('2027-03-29', 'Easter Monday'),
    ('2027-05-03', 'Early May bank holiday'), ('2027-05-31', 'Spring bank holiday'),
    ('2027-08-30', 'Summer bank holiday'), ('2027-12-27', 'Christmas Day (substitute day)'),
    ('2027-12-28', 'Boxing Day (substitute day)'),
    ('2028-01-03', 'New Year''s Day (substitute day)'), ('2028-04-14', 'Good Friday'),
    ('2028-04-17', 'Easter Monday'), ('2028-05-01', 'Early May bank holiday'),
    ('2028-05-29', 'Spring bank holiday'), ('2028-08-28', 'Summer bank holiday'),
    ('2028-12-25', 'Christmas Day'), ('2028-12-26', 'Boxing Day')
) AS days (on_date, name)
CROSS JOIN (VALUES ('england-and-wales'), ('northern-ireland')) AS nations (nation);

INSERT INTO bank_holidays (nation, on_date, name) VALUES
    ('northern-ireland', '2026-03-17', 'St Patrick''s Day'),
    ('northern-ireland', '2026-07-13', 'Battle of the Boyne (substitute day)'),
    ('northern-ireland', '2027-03-17', 'St Patrick''s Day'),
    ('northern-ireland', '2027-07-12', 'Battle of the Boyne'),
    ('northern-ireland', '2028-03-17', 'St Patrick''s Day'),
    ('northern-ireland', '2028-07-12', 'Battle of the Boyne'),
    ('scotland', '2026-01-01', 'New Year''s Day'), ('scotland', '2026-01-02', '2nd January'),
    ('scotland', '2026-04-03', 'Good Friday'), ('scotland', '2026-05-04', 'Early May bank holiday'),
    ('scotland', '2026-05-25', 'Spring bank holiday'), ('scotland', '2026-08-03', 'Summer bank holiday'),
    ('scotland', '2026-11-30', 'St Andrew''s Day'), ('scotland', '2026-12-25', 'Christmas Day'),
    ('scotland', '2026-12-28', 'Boxing Day (substitute day)'),
    ('scotland', '2027-01-01', 'New Year''s Day'), ('scotland', '2027-01-04', '2nd January (substitute day)'),
    ('scotland', '2027-03-26', 'Good Friday'), ('scotland', '2027-05-03', 'Early May bank holiday'),
    ('scotland', '2027-05-31', 'Spring bank holiday'), ('scotland', '2027-08-02', 'Summer bank holiday'),
    ('scotland', '2027-11-30', 'St Andrew''s Day'), ('scotland', '2027-12-27', 'Christmas Day (substitute day)'),
    ('scotland', '2027-12-28', 'Boxing Day (substitute day)'),
    ('scotland', '2028-01-03', 'New Year''s Day (substitute day)'),
    ('scotland', '2028-01-04', '2nd January (substitute day)'), ('scotland', '2028-04-14', 'Good Friday'),
    ('scotland', '2028-05-01', 'Early May bank holiday'), ('scotland', '2028-05-29', 'Spring bank holiday'),
    ('scotland', '2028-08-07', 'Summer bank holiday'), ('scotland', '2028-11-30', 'St Andrew''s Day'),
    ('scotland', '2028-12-25', 'Christmas Day'), ('scotland', '2028-12-26', 'Boxing Day');

-- When a coach must answer by (the last day, in the UK) and when they are reminded (worked
-- out with the holidays when the request reaches them), the reminders sent, and the request a
-- passed-on one came from.
ALTER TABLE expressions_of_interest
    ADD COLUMN answer_due_on date,
    ADD COLUMN first_reminder_on date,
    ADD COLUMN last_reminder_on date,
    ADD COLUMN first_reminder_at timestamptz,
    ADD COLUMN last_reminder_at timestamptz,
    ADD COLUMN passed_on_from uuid REFERENCES expressions_of_interest (id);
CREATE INDEX expressions_of_interest_due ON expressions_of_interest (answer_due_on)
    WHERE status = 'pending';

-- A coach who left the directory (hidden or suspended) while considering a request.
ALTER TABLE expressions_of_interest DROP CONSTRAINT expressions_of_interest_status_check;
ALTER TABLE expressions_of_interest ADD CONSTRAINT expressions_of_interest_status_check
    CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired', 'lapsed'));

-- Whether the leader agreed, on the form, to their request passing to the coaches they named.
ALTER TABLE leader_requests ADD COLUMN pass_on_consented boolean NOT NULL DEFAULT false;

ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (
    'invitation', 'password_reset', 'new_request', 'request_received', 'request_already_open',
    'request_accepted', 'leader_contact', 'request_declined', 'request_withdrawn',
    'answer_reminder', 'request_expired', 'request_passed_on', 'request_lapsed',
    'bursary_decided', 'profile_approved', 'profile_rejected'));

-- Emails written in one transaction share its time: this keeps the order they were written in.
ALTER TABLE outbox ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX outbox_order ON outbox (created_at, seq);
