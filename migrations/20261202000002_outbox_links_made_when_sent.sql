-- Invitation and password-reset links are made when their email is sent, not when it is
-- queued: with a mail server, a working link then exists only in the email itself and as its
-- hash in account_links. The queued body holds a placeholder; these say which link to make.
ALTER TABLE outbox
    ADD COLUMN link_account_id uuid REFERENCES accounts (id) ON DELETE CASCADE,
    ADD COLUMN link_purpose text CHECK (link_purpose IN ('invitation', 'password_reset')),
    ADD CONSTRAINT outbox_link_is_whole CHECK ((link_account_id IS NULL) = (link_purpose IS NULL));
