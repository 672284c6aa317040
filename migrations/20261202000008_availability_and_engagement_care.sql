-- Availability that stays true, and coaching that does not drift (issue 9).
-- When the coach last confirmed their availability (saving it counts), when they were last
-- asked to, and why the system stopped them accepting (for them and for staff).
ALTER TABLE coaches
    ADD COLUMN availability_confirmed_at timestamptz,
    ADD COLUMN availability_asked_at timestamptz,
    ADD COLUMN paused_at timestamptz,
    ADD COLUMN paused_reason text CHECK (paused_reason IN ('not_confirmed', 'requests_expired'));
UPDATE coaches SET availability_confirmed_at = coalesce(published_at, created_at);

-- A reminder when no session is recorded three weeks in; a flag at eight months.
ALTER TABLE engagements
    ADD COLUMN first_session_reminder_at timestamptz,
    ADD COLUMN flagged_at timestamptz;

ALTER TABLE account_links DROP CONSTRAINT account_links_purpose_check;
ALTER TABLE account_links ADD CONSTRAINT account_links_purpose_check
    CHECK (purpose IN ('invitation', 'password_reset', 'confirm_availability'));
ALTER TABLE outbox DROP CONSTRAINT outbox_link_purpose_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_link_purpose_check
    CHECK (link_purpose IN ('invitation', 'password_reset', 'confirm_availability'));

ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (
    'invitation', 'password_reset', 'new_request', 'request_received', 'request_already_open',
    'request_accepted', 'leader_contact', 'request_declined', 'request_withdrawn',
    'answer_reminder', 'request_expired', 'request_passed_on', 'request_lapsed',
    'confirm_availability', 'availability_paused', 'first_session_reminder', 'close_engagement',
    'bursary_decided', 'profile_approved', 'profile_rejected'));
