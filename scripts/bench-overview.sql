-- make bench: history for the take-up overview at scale. 50,000 leaders' requests over 18
-- months (accepted, declined, expired and passed on, withdrawn), their coaching and sessions,
-- and 20,000 questionnaires with scores. Pseudo-random with a fixed seed, so every run is alike.
SELECT setseed(0.2026);

CREATE TEMP TABLE bench_coaches AS
SELECT array_agg(id ORDER BY id) AS ids FROM coaches WHERE status = 'published';

CREATE TEMP TABLE bench_requests AS
SELECT n,
       gen_random_uuid() AS leader_request_id,
       gen_random_uuid() AS ask_id,
       gen_random_uuid() AS second_ask_id,
       now() - make_interval(secs => random() * 540 * 86400) AS asked_at,
       (ARRAY['north-east', 'north-west', 'yorkshire-and-the-humber', 'east-midlands',
              'west-midlands', 'east-of-england', 'london', 'south-east', 'south-west', 'wales',
              'scotland', 'northern-ireland'])[1 + floor(random() * 12)::int] AS region,
       floor(random() * 49999999)::bigint AS income,
       random() AS route,
       random() AS fate,
       random() < 0.3 AS under_represented,
       random() < 0.4 AS no_support_before,
       1 + floor(random() * 10)::int AS answer_days
FROM generate_series(1, 50000) AS n;

INSERT INTO leader_requests (id, token_hash, created_at, pass_on_consented)
SELECT leader_request_id, decode(md5(ask_id::text), 'hex'), asked_at, true FROM bench_requests;

-- The first ask: accepted (70%), declined (12%), expired (8%, then passed on and accepted), or
-- withdrawn.
INSERT INTO expressions_of_interest (id, reference, submission_id, coach_id, status, leader_name,
    email, role, organisation_name, organisation_type, works_in_health_and_wellbeing,
    annual_income_pence, works_with_under_represented_communities, region, postcode, goals,
    funding_route, had_leadership_support_before, bursary_eligible, consented_at, created_at,
    responded_at, leader_request_id, position, bursary_decision, bursary_decided_at)
SELECT r.ask_id,
       'CL-2026-' || lpad(nextval('expression_of_interest_number')::text, 6, '0'),
       gen_random_uuid(),
       c.ids[1 + (r.n % cardinality(c.ids))],
       CASE WHEN r.fate < 0.70 THEN 'accepted' WHEN r.fate < 0.82 THEN 'declined'
            WHEN r.fate < 0.90 THEN 'expired' ELSE 'withdrawn' END,
       'Bench Leader ' || r.n, 'bench' || r.n || '@bench.example.org', 'Director',
       'Bench Charity ' || r.n, 'registered-charity', true, r.income, r.under_represented,
       r.region, 'E1 6AN', 'We would like to think about our strategy and our board.',
       CASE WHEN r.route < 0.45 THEN 'organisation'
            WHEN r.route < 0.7 OR NOT (r.income < 15000000 OR r.under_represented OR r.no_support_before)
                THEN 'funder'
            ELSE 'bursary' END,
       NOT r.no_support_before,
       r.income < 15000000 OR r.under_represented OR r.no_support_before,
       r.asked_at, r.asked_at,
       CASE WHEN r.fate < 0.90 THEN r.asked_at + make_interval(days => r.answer_days) END,
       r.leader_request_id, 1, NULL, NULL
FROM bench_requests r, bench_coaches c;

UPDATE expressions_of_interest SET bursary_decision = 'approved', bursary_decided_at = created_at + interval '3 days'
WHERE funding_route = 'bursary' AND email LIKE '%@bench.example.org';

INSERT INTO expressions_of_interest (id, reference, submission_id, coach_id, status, leader_name,
    email, role, organisation_name, organisation_type, works_in_health_and_wellbeing,
    annual_income_pence, works_with_under_represented_communities, region, postcode, goals,
    funding_route, had_leadership_support_before, bursary_eligible, consented_at, created_at,
    responded_at, leader_request_id, position, passed_on_from)
SELECT r.second_ask_id,
       'CL-2026-' || lpad(nextval('expression_of_interest_number')::text, 6, '0'),
       gen_random_uuid(), c.ids[1 + ((r.n + 1) % cardinality(c.ids))], 'accepted',
       e.leader_name, e.email, e.role, e.organisation_name, e.organisation_type, true,
       e.annual_income_pence, e.works_with_under_represented_communities, e.region, e.postcode,
       e.goals, e.funding_route, e.had_leadership_support_before, e.bursary_eligible,
       e.consented_at, e.responded_at, e.responded_at + make_interval(days => r.answer_days),
       r.leader_request_id, 2, e.id
FROM bench_requests r JOIN expressions_of_interest e ON e.id = r.ask_id, bench_coaches c
WHERE e.status = 'expired';

-- Coaching for every accepted ask: completed after six months if it started long enough ago.
CREATE TEMP TABLE bench_engagements AS
SELECT gen_random_uuid() AS id, e.id AS ask_id, e.coach_id, e.responded_at AS started_at,
       row_number() OVER (ORDER BY e.responded_at) AS n
FROM expressions_of_interest e
WHERE e.status = 'accepted' AND e.email LIKE '%@bench.example.org';

INSERT INTO engagements (id, expression_of_interest_id, coach_id, status, started_at, closed_at)
SELECT id, ask_id, coach_id,
       CASE WHEN started_at < now() - interval '200 days' THEN
           CASE WHEN n % 9 = 0 THEN 'ended_early' ELSE 'completed' END
       ELSE 'active' END,
       started_at,
       CASE WHEN started_at < now() - interval '200 days' THEN started_at + interval '180 days' END
FROM bench_engagements;
-- Active coaching takes no coach's place here: the bench is about the overview, not capacity.

INSERT INTO coaching_sessions (engagement_id, held_on, minutes)
SELECT g.id, (g.started_at + make_interval(days => 14 + 35 * s))::date, 60
FROM bench_engagements g, generate_series(0, 2) AS s
WHERE g.started_at + make_interval(days => 14 + 35 * s) < now();

-- 20,000 questionnaires: baselines for the first 12,000 coaching, closes for the first 8,000.
INSERT INTO questionnaires (engagement_id, kind, sent_at, submitted_at, general_self_efficacy,
    ucla_loneliness, ons_loneliness, life_satisfaction, worthwhile, happiness, anxiety,
    strategic_decisions, difficult_issues, isolated_as_leader, someone_to_think_with)
SELECT g.id, k.kind, g.started_at, CASE WHEN random() < 0.75 THEN g.started_at + interval '2 days' END,
       20 + floor(random() * 16) + k.lift * 3, 4 + floor(random() * 5) - k.lift,
       2 + floor(random() * 3), 4 + floor(random() * 5) + k.lift, 5 + floor(random() * 4),
       4 + floor(random() * 5), 3 + floor(random() * 5), 2 + floor(random() * 3) + k.lift,
       2 + floor(random() * 3), 2 + floor(random() * 3), 2 + floor(random() * 3) + k.lift
FROM bench_engagements g
JOIN (VALUES ('leader_baseline', 0, 12000), ('leader_end', 1, 8000)) AS k (kind, lift, upto)
    ON g.n <= k.upto;

ANALYZE;
