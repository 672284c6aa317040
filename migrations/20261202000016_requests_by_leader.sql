-- A leader is their email address: their data page, their erasure and the coaches who declined
-- them all look their requests up by it.
CREATE INDEX expressions_of_interest_leader_email ON expressions_of_interest (lower(email));
