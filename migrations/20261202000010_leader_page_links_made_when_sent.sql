-- With a mail server, a leader's link to their request's page is made as the email is sent,
-- like account links: the outbox then never holds a working token (the page's token is
-- stored only as its hash).
ALTER TABLE outbox
    ADD COLUMN link_leader_request_id uuid REFERENCES leader_requests (id),
    ADD CONSTRAINT outbox_one_link CHECK (num_nonnulls(link_account_id, link_leader_request_id) <= 1);
