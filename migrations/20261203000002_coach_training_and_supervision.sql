-- The programme's coaches are trained and supervised leaders. Staff record each coach's
-- training: when it was completed, the cohort, and who trained them. A profile is published
-- only for a coach with training recorded.
CREATE TABLE coach_training (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    coach_id uuid NOT NULL REFERENCES coaches (id),
    completed_on date NOT NULL,
    cohort text NOT NULL CHECK (length(btrim(cohort)) BETWEEN 1 AND 100),
    trainer text NOT NULL CHECK (length(btrim(trainer)) BETWEEN 1 AND 100),
    recorded_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coach_training_coach ON coach_training (coach_id, completed_on);

-- Each coach's supervisor: an account (a coach or a member of staff) who sees the coach's
-- caseload and records their supervision.
ALTER TABLE coaches ADD COLUMN supervisor_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL;
CREATE INDEX coaches_supervisor ON coaches (supervisor_account_id)
    WHERE supervisor_account_id IS NOT NULL;

-- Supervision sessions a coach attended: when, how, and with whom. Never what was said.
CREATE TABLE supervision_sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    coach_id uuid NOT NULL REFERENCES coaches (id),
    held_on date NOT NULL,
    format text NOT NULL CHECK (format IN ('one_to_one', 'group')),
    supervisor text NOT NULL CHECK (length(btrim(supervisor)) BETWEEN 1 AND 100),
    recorded_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    -- From a hidden field in the form: the same form sent twice records one session.
    submission_id uuid UNIQUE
);
CREATE INDEX supervision_sessions_coach ON supervision_sessions (coach_id, held_on);

-- A coach with no supervision for too long is set to not accepting new leaders.
ALTER TABLE coaches DROP CONSTRAINT coaches_paused_reason_check;
ALTER TABLE coaches ADD CONSTRAINT coaches_paused_reason_check
    CHECK (paused_reason IN ('not_confirmed', 'requests_expired', 'supervision_lapsed'));
