-- Emails to leaders: their request received (with its reference), a second request to the
-- same coach while the first waits (told to the address's holder, not to whoever sent it), and
-- staff's decision on a bursary.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (
    'invitation', 'password_reset', 'new_request', 'request_received', 'request_already_open',
    'request_accepted', 'request_declined', 'bursary_decided', 'profile_approved', 'profile_rejected'));
