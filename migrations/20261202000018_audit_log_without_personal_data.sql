-- The audit log keeps who did what to which record: ids, kinds and times, never personal data,
-- because nobody can delete a line of it. What is personal about an action (a profile as
-- approved, a reason written to a coach, an invited person's name and address) moves to
-- audit_details, which erasure can reach.
CREATE TABLE audit_details (
    audit_id bigint PRIMARY KEY REFERENCES audit_log (id),
    -- Whose details these are, for erasure to find them.
    coach_id uuid,
    account_id uuid,
    details jsonb NOT NULL
);
CREATE INDEX audit_details_coach ON audit_details (coach_id) WHERE coach_id IS NOT NULL;
CREATE INDEX audit_details_account ON audit_details (account_id) WHERE account_id IS NOT NULL;

-- Who acted stays as an id that may outlive its account (a coach closing their own, say).
ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_id_fkey;

-- The lines written so far: their personal parts move, once, as the schema's owner. The log
-- refuses changes otherwise, and the app's own role may still only add lines.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;

INSERT INTO audit_details (audit_id, coach_id, account_id, details)
SELECT l.id, c.id, a.id,
       jsonb_strip_nulls(jsonb_build_object(
           'profile', l.after -> 'profile', 'proposed', l.after -> 'proposed',
           'before', CASE WHEN l.action LIKE '%profile changes' THEN l.before END,
           'reason', l.after -> 'reason', 'name', l.after -> 'name', 'email', l.after -> 'email'))
FROM audit_log l
LEFT JOIN coaches c ON l.subject = 'coach ' || c.slug
LEFT JOIN accounts a ON l.subject = 'account ' || a.email
WHERE l.action IN ('approve profile', 'send back profile', 'approve profile changes',
                   'send back profile changes', 'invite coach');

UPDATE audit_log l SET
    after = CASE WHEN l.action = 'invite coach' THEN NULL
                 ELSE l.after - 'profile' - 'proposed' - 'reason' END,
    before = CASE WHEN l.action LIKE '%profile changes' THEN NULL ELSE l.before END
WHERE l.action IN ('approve profile', 'send back profile', 'approve profile changes',
                   'send back profile changes', 'invite coach');
UPDATE audit_log l SET subject = 'coach ' || c.id FROM coaches c WHERE l.subject = 'coach ' || c.slug;
UPDATE audit_log l SET subject = 'account ' || a.id FROM accounts a WHERE l.subject = 'account ' || a.email;
-- A subject whose record has gone already: its name goes too.
UPDATE audit_log SET subject = split_part(subject, ' ', 1) || ' (erased)'
WHERE (subject LIKE 'coach %' OR subject LIKE 'account %')
  AND split_part(subject, ' ', 2) !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;

-- Who acted is the account id; their address is read from the account while it exists.
ALTER TABLE audit_log DROP COLUMN actor_email;
