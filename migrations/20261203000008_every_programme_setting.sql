-- The programme's other numbers become settings beside the fee, each starting at the value the
-- code held until now, from the same day as the fee's first value. Every change tells each
-- server process (on the directory's channel, whose listeners drop what they keep), so that
-- pages use a new value on the day it takes effect.
ALTER TABLE programme_settings DROP CONSTRAINT programme_settings_name_check;
ALTER TABLE programme_settings ADD CONSTRAINT programme_settings_name_check CHECK (name IN (
    'eligibility_income_limit_pence', 'bursary_income_limit_pence', 'fee_pence',
    'sessions_expected', 'months_expected_from', 'months_expected_to', 'answer_working_days',
    'availability_confirm_days', 'availability_pause_days', 'supervision_lapse_months'));
-- The bounds the settings page holds each to (`SettingName::bounds`).
ALTER TABLE programme_settings ADD CONSTRAINT programme_settings_value_within_bounds CHECK (
    CASE name
        WHEN 'eligibility_income_limit_pence' THEN value BETWEEN 100 AND 1000000000
        WHEN 'bursary_income_limit_pence' THEN value BETWEEN 100 AND 1000000000
        WHEN 'fee_pence' THEN value BETWEEN 0 AND 10000000
        WHEN 'sessions_expected' THEN value BETWEEN 1 AND 20
        WHEN 'months_expected_from' THEN value BETWEEN 1 AND 24
        WHEN 'months_expected_to' THEN value BETWEEN 1 AND 24
        WHEN 'answer_working_days' THEN value BETWEEN 2 AND 30
        WHEN 'availability_confirm_days' THEN value BETWEEN 7 AND 365
        WHEN 'availability_pause_days' THEN value BETWEEN 14 AND 730
        WHEN 'supervision_lapse_months' THEN value BETWEEN 1 AND 24
    END);

INSERT INTO programme_settings (name, value, effective_from) VALUES
    ('eligibility_income_limit_pence', 50000000, '2020-01-01'),
    ('bursary_income_limit_pence', 15000000, '2020-01-01'),
    ('sessions_expected', 5, '2020-01-01'),
    ('months_expected_from', 5, '2020-01-01'),
    ('months_expected_to', 8, '2020-01-01'),
    ('answer_working_days', 10, '2020-01-01'),
    ('availability_confirm_days', 60, '2020-01-01'),
    ('availability_pause_days', 90, '2020-01-01'),
    ('supervision_lapse_months', 4, '2020-01-01');

-- An eligible income was held under £500,000 by the table too; the limit is now a setting (at most
-- £10,000,000), checked by the rules on the day a request is sent.
ALTER TABLE expressions_of_interest DROP CONSTRAINT expressions_of_interest_annual_income_pence_check;
ALTER TABLE expressions_of_interest ADD CONSTRAINT expressions_of_interest_annual_income_pence_check
    CHECK (annual_income_pence >= 0 AND annual_income_pence < 1000000000);

CREATE TRIGGER programme_settings_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON programme_settings
    FOR EACH STATEMENT EXECUTE FUNCTION notify_directory_changed();
