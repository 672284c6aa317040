-- A leader or a coach may raise a concern about the other, about their coaching together,
-- confidentially: only staff read it. Staff track it to resolution with notes of their own,
-- which neither side sees; when staff close it, both are emailed that it is closed, and what was
-- decided.
CREATE TABLE concerns (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    engagement_id uuid NOT NULL REFERENCES engagements (id),
    raised_by text NOT NULL CHECK (raised_by IN ('leader', 'coach')),
    body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 3000),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'looking_into', 'closed')),
    raised_at timestamptz NOT NULL,
    closed_at timestamptz,
    -- What staff tell both sides when they close it.
    outcome text CHECK (length(btrim(outcome)) BETWEEN 1 AND 2000),
    -- From a hidden field in the form: the same form sent twice raises one concern.
    submission_id uuid UNIQUE,
    CHECK ((status = 'closed') = (closed_at IS NOT NULL AND outcome IS NOT NULL))
);
CREATE INDEX concerns_status ON concerns (status, raised_at);

CREATE TABLE concern_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    concern_id uuid NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
    author_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
    note text NOT NULL CHECK (length(btrim(note)) BETWEEN 1 AND 3000),
    written_at timestamptz NOT NULL
);
CREATE INDEX concern_notes_concern ON concern_notes (concern_id, written_at);

ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (
    'invitation', 'staff_invitation', 'password_reset', 'new_request', 'request_received',
    'request_already_open', 'request_accepted', 'leader_contact', 'request_declined',
    'request_withdrawn', 'answer_reminder', 'request_expired', 'request_passed_on',
    'request_not_passed_on', 'request_lapsed', 'confirm_availability', 'availability_paused',
    'first_session_reminder', 'close_engagement', 'questionnaire', 'questionnaire_reminder',
    'bursary_decided', 'profile_approved', 'profile_rejected', 'concern_received',
    'concern_closed'));
