-- Every server process keeps the directory's search results in memory (`coaches::cache`) and
-- drops them when a coach changes: this tells every process listening, once per statement
-- and only when the statement commits. A draft's change is told too; it is rare and cheap.

CREATE FUNCTION notify_directory_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('directory_changed', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER coaches_directory_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON coaches
    FOR EACH STATEMENT EXECUTE FUNCTION notify_directory_changed();
