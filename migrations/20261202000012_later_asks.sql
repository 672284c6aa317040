-- The overview gathers what became of a request from its later asks (passed on, or asked again
-- from the leader's page): few, so found through an index of their own.
CREATE INDEX expressions_of_interest_later_asks ON expressions_of_interest (leader_request_id)
    WHERE position > 1;
