-- Supervision is counted from the day Cascade started recording it, for coaches made before
-- then: otherwise every older coach would be paused at once for a lapse nobody could have
-- recorded. Newer coaches count from their profile, their training or their last supervision.
ALTER TABLE coaches ADD COLUMN supervision_counted_from date;
UPDATE coaches SET supervision_counted_from = (now() AT TIME ZONE 'Europe/London')::date;

-- Wrong second-factor codes in a row, across sign-ins: after too many, codes are refused for a
-- while, so that someone who has a password cannot keep starting sign-ins to guess codes.
ALTER TABLE accounts ADD COLUMN wrong_codes_in_a_row integer NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN codes_refused_until timestamptz;

-- The same training form sent twice records it once.
ALTER TABLE coach_training ADD COLUMN submission_id uuid UNIQUE;

-- Feedback is kept to the year (not the month), and the coaching records only that it had its
-- feedback (not when), so that a rating is harder to put to a leader.
ALTER TABLE coaching_feedback DROP CONSTRAINT coaching_feedback_given_in_check;
UPDATE coaching_feedback SET given_in = date_trunc('year', given_in)::date;
ALTER TABLE coaching_feedback ADD CONSTRAINT coaching_feedback_given_in_year
    CHECK (extract(day FROM given_in) = 1 AND extract(month FROM given_in) = 1);
ALTER TABLE engagements ADD COLUMN feedback_given boolean NOT NULL DEFAULT false;
UPDATE engagements SET feedback_given = true WHERE feedback_given_at IS NOT NULL;
ALTER TABLE engagements DROP COLUMN feedback_given_at;

-- Feedback is shown in groups of three, in the order it arrived: a counter, not a time.
ALTER TABLE coaching_feedback ADD COLUMN arrival bigint GENERATED ALWAYS AS IDENTITY;
