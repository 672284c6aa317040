-- Whom a coach coaches, as they declare it: the stages of leader they coach (public, for
-- suggestions); and, privately, the organisations they must not coach and the postcode
-- districts where their own organisation works locally (conflicts of interest).
ALTER TABLE coaches
    ADD COLUMN stages text[] NOT NULL DEFAULT '{}'
        CHECK (stages <@ ARRAY['new', 'experienced']),
    -- [{"name": "…", "number": "…" or null}, …], at most 30.
    ADD COLUMN conflict_organisations jsonb NOT NULL DEFAULT '[]'
        CHECK (jsonb_typeof(conflict_organisations) = 'array'
            AND jsonb_array_length(conflict_organisations) <= 30),
    ADD COLUMN local_districts text[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(local_districts) <= 30);

-- A request a leader sent although the coach's declarations conflict with their
-- organisation: staff see the pair flagged.
ALTER TABLE expressions_of_interest
    ADD COLUMN conflict text
        CHECK (conflict IN ('declared-organisation', 'same-district-and-service'));
