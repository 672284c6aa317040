-- Evidence of impact (issue 10): questionnaires for leaders (at the start of their coaching,
-- at its close, and six months later) and for coaches (at its close), answered from a private
-- link with no account, saved as they go.
CREATE TABLE questionnaires (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    engagement_id uuid NOT NULL REFERENCES engagements (id),
    kind text NOT NULL CHECK (kind IN ('leader_baseline', 'leader_end', 'leader_follow_up', 'coach_end')),
    sent_at timestamptz NOT NULL,
    -- The one reminder, seven days on, if it was not sent by then.
    reminded_at timestamptz,
    -- Item id → the answer chosen; an item skipped is absent, never zero.
    answers jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- The parts saved so far, so that a leader coming back starts where they left off.
    parts_saved smallint[] NOT NULL DEFAULT '{}',
    updated_at timestamptz,
    submitted_at timestamptz,
    -- Each measure scored by its published rules when the answers are sent: NULL when it could
    -- not be (too many of its items skipped).
    general_self_efficacy double precision CHECK (general_self_efficacy BETWEEN 10 AND 40),
    ucla_loneliness double precision CHECK (ucla_loneliness BETWEEN 3 AND 9),
    ons_loneliness double precision CHECK (ons_loneliness BETWEEN 1 AND 5),
    life_satisfaction double precision CHECK (life_satisfaction BETWEEN 0 AND 10),
    worthwhile double precision CHECK (worthwhile BETWEEN 0 AND 10),
    happiness double precision CHECK (happiness BETWEEN 0 AND 10),
    anxiety double precision CHECK (anxiety BETWEEN 0 AND 10),
    strategic_decisions double precision CHECK (strategic_decisions BETWEEN 1 AND 5),
    difficult_issues double precision CHECK (difficult_issues BETWEEN 1 AND 5),
    isolated_as_leader double precision CHECK (isolated_as_leader BETWEEN 1 AND 5),
    someone_to_think_with double precision CHECK (someone_to_think_with BETWEEN 1 AND 5),
    coach_confidence double precision CHECK (coach_confidence BETWEEN 1 AND 5),
    hours_given double precision CHECK (hours_given BETWEEN 0 AND 500),
    -- What the coach gained from coaching (the programme found it helped those giving it too).
    coach_gains text[] NOT NULL DEFAULT '{}' CHECK (coach_gains <@ ARRAY[
        'own-leadership', 'coaching-skills', 'wider-view-of-the-sector',
        'connection-with-other-leaders', 'purpose-and-satisfaction']),
    coach_gains_in_own_words text CHECK (length(coach_gains_in_own_words) <= 2000),
    UNIQUE (engagement_id, kind)
);
CREATE INDEX questionnaires_to_remind ON questionnaires (sent_at)
    WHERE submitted_at IS NULL AND reminded_at IS NULL;

-- The private links to a questionnaire (its first email's and its reminder's), stored only as
-- hashes: each works until the questionnaire closes.
CREATE TABLE questionnaire_links (
    token_hash bytea PRIMARY KEY,
    questionnaire_id uuid NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL
);
CREATE INDEX questionnaire_links_questionnaire ON questionnaire_links (questionnaire_id);

-- With a mail server, a questionnaire's link is made as its email is sent, like the others.
ALTER TABLE outbox
    ADD COLUMN link_questionnaire_id uuid REFERENCES questionnaires (id),
    DROP CONSTRAINT outbox_one_link,
    ADD CONSTRAINT outbox_one_link
        CHECK (num_nonnulls(link_account_id, link_leader_request_id, link_questionnaire_id) <= 1);

ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (
    'invitation', 'password_reset', 'new_request', 'request_received', 'request_already_open',
    'request_accepted', 'leader_contact', 'request_declined', 'request_withdrawn',
    'answer_reminder', 'request_expired', 'request_passed_on', 'request_not_passed_on',
    'request_lapsed', 'confirm_availability', 'availability_paused', 'first_session_reminder',
    'close_engagement', 'questionnaire', 'questionnaire_reminder',
    'bursary_decided', 'profile_approved', 'profile_rejected'));

-- A random id per leader for the evaluator's export, the same in every export: a leader is
-- their email address, lower-cased (leaders have no account).
CREATE TABLE evaluation_ids (
    leader_email text PRIMARY KEY,
    evaluation_id text NOT NULL UNIQUE CHECK (evaluation_id ~ '^L-[0-9A-Z]{10}$')
);

-- The overview counts by when a request was made and where its leader is.
CREATE INDEX expressions_of_interest_created ON expressions_of_interest (created_at);
CREATE INDEX engagements_closed ON engagements (closed_at) WHERE closed_at IS NOT NULL;
