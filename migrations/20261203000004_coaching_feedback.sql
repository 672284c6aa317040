-- At the close of their coaching, leaders may rate it (1 to 5) and comment, anonymously: a
-- rating is kept with its coach and the month it was given, and nothing that links it to the
-- leader or the coaching. The coaching only records that feedback was given, so that it is
-- given once.
CREATE TABLE coaching_feedback (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    coach_id uuid NOT NULL REFERENCES coaches (id),
    rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment text CHECK (length(btrim(comment)) BETWEEN 1 AND 1000),
    -- The first day of the month it was given: no finer, so that the day cannot point to a
    -- leader.
    given_in date NOT NULL CHECK (extract(day FROM given_in) = 1)
);
CREATE INDEX coaching_feedback_coach ON coaching_feedback (coach_id);

ALTER TABLE engagements ADD COLUMN feedback_given_at timestamptz;
