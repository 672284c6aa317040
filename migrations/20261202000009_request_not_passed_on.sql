-- Telling a leader their request could not be passed on is a kind of its own, not a pass-on.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (
    'invitation', 'password_reset', 'new_request', 'request_received', 'request_already_open',
    'request_accepted', 'leader_contact', 'request_declined', 'request_withdrawn',
    'answer_reminder', 'request_expired', 'request_passed_on', 'request_not_passed_on',
    'request_lapsed', 'confirm_availability', 'availability_paused', 'first_session_reminder',
    'close_engagement', 'bursary_decided', 'profile_approved', 'profile_rejected'));
UPDATE outbox SET kind = 'request_not_passed_on'
WHERE kind = 'request_passed_on' AND subject = 'Finding you another coach';
