-- The programme's numbers that staff may change, each with the day it takes effect: a rule
-- uses the value in effect on the day it applies to. The fee is the first.
CREATE TABLE programme_settings (
    name text NOT NULL CHECK (name IN ('fee_pence')),
    value integer NOT NULL CHECK (value >= 0),
    effective_from date NOT NULL,
    set_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
    set_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, effective_from)
);
INSERT INTO programme_settings (name, value, effective_from) VALUES ('fee_pence', 80000, '2020-01-01');

-- A leader may say which funder told them about Cascade: a funder who refers a leader has
-- usually agreed to pay.
ALTER TABLE expressions_of_interest
    ADD COLUMN referring_funder text CHECK (length(btrim(referring_funder)) BETWEEN 1 AND 150);

-- The £800 of each coaching, paid to the coach's organisation: by the leader's organisation,
-- a named funder, or a bursary place. Its status moves not yet due → due (after the first
-- session) → invoiced → paid, or is written off with a reason.
CREATE TABLE programme_fees (
    engagement_id uuid PRIMARY KEY REFERENCES engagements (id),
    payer text NOT NULL CHECK (payer IN ('organisation', 'funder', 'bursary')),
    -- The funder's name, when a funder pays and it is known.
    funder_name text CHECK (length(btrim(funder_name)) BETWEEN 1 AND 150),
    amount_pence integer NOT NULL CHECK (amount_pence >= 0),
    status text NOT NULL DEFAULT 'not_yet_due'
        CHECK (status IN ('not_yet_due', 'due', 'invoiced', 'paid', 'written_off')),
    due_at timestamptz,
    invoiced_on date,
    invoice_reference text CHECK (length(btrim(invoice_reference)) BETWEEN 1 AND 60),
    paid_on date,
    written_off_reason text CHECK (length(btrim(written_off_reason)) BETWEEN 1 AND 500),
    CHECK (payer = 'funder' OR funder_name IS NULL),
    CHECK ((invoiced_on IS NULL) = (invoice_reference IS NULL)),
    CHECK (status NOT IN ('invoiced', 'paid') OR invoiced_on IS NOT NULL),
    CHECK ((status = 'paid') = (paid_on IS NOT NULL)),
    CHECK ((status = 'written_off') = (written_off_reason IS NOT NULL)),
    CHECK (status NOT IN ('due', 'invoiced', 'paid') OR due_at IS NOT NULL)
);
CREATE INDEX programme_fees_status ON programme_fees (status);

-- Every coaching has its fee, from the moment it starts, for the amount in effect that day
-- (in the UK), whoever starts it.
CREATE FUNCTION add_programme_fee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO programme_fees (engagement_id, payer, funder_name, amount_pence)
    SELECT NEW.id, e.funding_route,
           CASE WHEN e.funding_route = 'funder' THEN e.referring_funder END,
           coalesce((SELECT s.value FROM programme_settings s
                     WHERE s.name = 'fee_pence'
                       AND s.effective_from <= (NEW.started_at AT TIME ZONE 'Europe/London')::date
                     ORDER BY s.effective_from DESC LIMIT 1), 80000)
    FROM expressions_of_interest e WHERE e.id = NEW.expression_of_interest_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER engagements_add_fee AFTER INSERT ON engagements
    FOR EACH ROW EXECUTE FUNCTION add_programme_fee();

-- The fee falls due with the first session recorded.
CREATE FUNCTION programme_fee_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE programme_fees SET status = 'due', due_at = NEW.recorded_at
    WHERE engagement_id = NEW.engagement_id AND status = 'not_yet_due';
    RETURN NEW;
END;
$$;
CREATE TRIGGER coaching_sessions_fee_due AFTER INSERT ON coaching_sessions
    FOR EACH ROW EXECUTE FUNCTION programme_fee_due();

-- Coaching that started before the ledger.
INSERT INTO programme_fees (engagement_id, payer, amount_pence, status, due_at)
SELECT g.id, e.funding_route, 80000,
       CASE WHEN first.at IS NULL THEN 'not_yet_due' ELSE 'due' END, first.at
FROM engagements g JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
LEFT JOIN LATERAL (SELECT min(s.recorded_at) AS at FROM coaching_sessions s
                   WHERE s.engagement_id = g.id) AS first ON true;
