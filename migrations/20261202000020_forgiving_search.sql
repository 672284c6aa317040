-- Forgiving search: the directory's words include the communities a coach knows and the
-- languages they speak, and a near spelling ("Maik" for "Malik") is found by looking up the
-- words one letter away from what was typed among the words coaches' profiles use.

-- The weighted document now holds communities and languages with the themes.
DROP INDEX coaches_search_document;
ALTER TABLE coaches DROP COLUMN search_document;
DROP FUNCTION coach_search_document(text, text, text, text[], text, text);

CREATE FUNCTION coach_search_document(
    name text, role text, organisation text, themes text[], communities text[],
    languages text[], bio text, how_i_coach text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', name), 'A')
        || setweight(to_tsvector('english', role || ' ' || organisation), 'B')
        || setweight(to_tsvector('english', replace(array_to_string(themes, ' '), '-', ' ')), 'B')
        || setweight(to_tsvector('english', replace(array_to_string(communities || languages, ' '), '-', ' ')), 'B')
        || setweight(to_tsvector('english', bio || ' ' || how_i_coach), 'C')
$$;

ALTER TABLE coaches ADD COLUMN search_document tsvector GENERATED ALWAYS AS
    (coach_search_document(name, role, organisation, themes, communities, languages, bio, how_i_coach)) STORED;
CREATE INDEX coaches_search_document ON coaches USING gin (search_document);

-- Trigram distance over one long string missed a letter in a short name (“Maik” is too far
-- from “malik …” by trigrams): replaced by exact lookups of near spellings, below.
DROP INDEX coaches_search_names_nearest;
ALTER TABLE coaches DROP COLUMN search_names;
DROP FUNCTION coach_search_names(text, text, text, text[]);

-- Every word of a coach's name, role, organisation, themes, communities and languages, split
-- as `coaches::spelling::words` splits a search. Kept by the trigger below, so a word leaves
-- with the coach (or the name) that used it.
CREATE TABLE coach_search_words (
    word text NOT NULL,
    coach_id uuid NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    PRIMARY KEY (word, coach_id)
);
CREATE INDEX coach_search_words_coach ON coach_search_words (coach_id);

CREATE FUNCTION coach_search_words_of(coach coaches) RETURNS SETOF text
LANGUAGE sql STABLE AS $$
    SELECT DISTINCT word FROM regexp_split_to_table(
        lower(coach.name || ' ' || coach.role || ' ' || coach.organisation || ' '
            || array_to_string(coach.themes || coach.communities || coach.languages, ' ')),
        '[^a-z0-9\u00C0-\u02AF]+') AS word
    WHERE char_length(word) >= 4
$$;

CREATE FUNCTION coach_search_words_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM coach_search_words WHERE coach_id = NEW.id;
    INSERT INTO coach_search_words (word, coach_id)
        SELECT word, NEW.id FROM coach_search_words_of(NEW) AS word;
    RETURN NULL;
END;
$$;

CREATE TRIGGER coaches_search_words
    AFTER INSERT OR UPDATE OF name, role, organisation, themes, communities, languages ON coaches
    FOR EACH ROW EXECUTE FUNCTION coach_search_words_refresh();

INSERT INTO coach_search_words (word, coach_id)
    SELECT word, c.id FROM coaches AS c, coach_search_words_of(c) AS word;
