-- Expressions of interest: a leader asking a coach to coach them.

CREATE SEQUENCE expression_of_interest_number;

CREATE TABLE expressions_of_interest (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- What the leader quotes: CL-<year>-<number>, made at insert.
    reference text NOT NULL UNIQUE CHECK (reference ~ '^CL-[0-9]{4}-[0-9]{6,}$'),
    -- From a hidden field in the form: the same form submitted twice is one request.
    submission_id uuid NOT NULL UNIQUE,
    coach_id uuid NOT NULL REFERENCES coaches (id),
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    leader_name text NOT NULL CHECK (length(btrim(leader_name)) BETWEEN 1 AND 100),
    email text NOT NULL CHECK (position('@' IN email) > 1),
    phone text,
    role text NOT NULL CHECK (length(btrim(role)) BETWEEN 1 AND 100),
    organisation_name text NOT NULL CHECK (length(btrim(organisation_name)) BETWEEN 1 AND 150),
    organisation_type text NOT NULL CHECK (organisation_type IN (
        'registered-charity', 'charitable-incorporated-organisation', 'charitable-company',
        'community-interest-company', 'community-or-voluntary-group', 'social-enterprise')),
    registration_number text,
    works_in_health_and_wellbeing boolean NOT NULL CHECK (works_in_health_and_wellbeing),
    annual_income_pence bigint NOT NULL CHECK (annual_income_pence >= 0 AND annual_income_pence < 50000000),
    works_with_under_represented_communities boolean NOT NULL,
    region text NOT NULL,
    postcode text NOT NULL CHECK (postcode ~ '^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$'),
    communities_served text[] NOT NULL DEFAULT '{}',
    goals text NOT NULL CHECK (char_length(goals) BETWEEN 20 AND 2000),
    funding_route text NOT NULL CHECK (funding_route IN ('organisation', 'funder', 'bursary')),
    had_leadership_support_before boolean NOT NULL,
    -- What the bursary rules said when the request was made.
    bursary_eligible boolean NOT NULL,
    CHECK (funding_route <> 'bursary' OR bursary_eligible),
    consented_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER expressions_of_interest_updated_at BEFORE UPDATE ON expressions_of_interest
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- One open request per leader per coach: going back and sending the form again is not a
-- second request.
CREATE UNIQUE INDEX expressions_of_interest_one_open_per_leader
    ON expressions_of_interest (coach_id, lower(email)) WHERE status = 'pending';
CREATE INDEX expressions_of_interest_coach ON expressions_of_interest (coach_id, created_at DESC);

-- The other coaches a leader would also accept, in order of preference.
CREATE TABLE expression_of_interest_alternatives (
    expression_of_interest_id uuid NOT NULL REFERENCES expressions_of_interest (id) ON DELETE CASCADE,
    coach_id uuid NOT NULL REFERENCES coaches (id),
    preference smallint NOT NULL CHECK (preference IN (1, 2)),
    PRIMARY KEY (expression_of_interest_id, coach_id),
    UNIQUE (expression_of_interest_id, preference)
);
