-- The first staff member is made at the server's command line (`cascade admin create-staff`)
-- and emailed a link to set their password: an invitation of its own kind, as it says nothing
-- of coaching. The audit log's line for it has no actor: nobody was signed in.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (
    'invitation', 'staff_invitation', 'password_reset', 'new_request', 'request_received',
    'request_already_open', 'request_accepted', 'leader_contact', 'request_declined',
    'request_withdrawn', 'answer_reminder', 'request_expired', 'request_passed_on',
    'request_not_passed_on', 'request_lapsed', 'confirm_availability', 'availability_paused',
    'first_session_reminder', 'close_engagement', 'questionnaire', 'questionnaire_reminder',
    'bursary_decided', 'profile_approved', 'profile_rejected'));
