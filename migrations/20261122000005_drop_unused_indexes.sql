-- Indexes no query uses, which only cost writes:
-- - the GIN trigram index on search_names: nearest-spelling search orders by `<<->`, which
--   only the GiST index of 0003 serves;
-- - audit_log_at: the log is read newest first by id, which its primary key serves.
DROP INDEX coaches_search_names;
DROP INDEX audit_log_at;
