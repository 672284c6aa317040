-- Search by what the directory says, not only by its slugs: "children" finds coaches who know
-- "Children and young people" (slug young-people), "unpaid" finds "Unpaid carers". The labels
-- are copied here from `vocabulary.rs` (a generated column can only call an immutable function);
-- the integration test `directory::the_databases_labels_are_the_vocabularys` fails if they drift.

CREATE FUNCTION vocabulary_label(slug text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE slug
        WHEN 'strategy-and-planning' THEN 'Strategy and planning'
        WHEN 'board-and-governance' THEN 'Board and governance'
        WHEN 'income-generation-and-sustainability' THEN 'Income generation and sustainability'
        WHEN 'partnerships-and-health-and-care' THEN 'Partnerships and working with the health and care system'
        WHEN 'leading-staff-and-volunteers' THEN 'Leading staff and volunteers'
        WHEN 'wellbeing-and-resilience' THEN 'Wellbeing and resilience'
        WHEN 'equity-diversity-and-inclusion' THEN 'Equity, diversity and inclusion'
        WHEN 'leading-through-change' THEN 'Leading through change'
        WHEN 'growing-and-evaluating-services' THEN 'Growing and evaluating services'
        WHEN 'being-a-new-leader' THEN 'Being a new leader'
        WHEN 'ethnic-minority-communities' THEN 'Ethnic-minority communities'
        WHEN 'disabled-people' THEN 'Disabled people'
        WHEN 'women' THEN 'Women'
        WHEN 'older-people' THEN 'Older people'
        WHEN 'young-people' THEN 'Children and young people'
        WHEN 'lgbtq-people' THEN 'LGBTQ+ people'
        WHEN 'low-income-or-deprived-areas' THEN 'People on low incomes or in deprived areas'
        WHEN 'rural-communities' THEN 'Rural communities'
        WHEN 'refugees-and-asylum-seekers' THEN 'Refugees and people seeking asylum'
        WHEN 'carers' THEN 'Unpaid carers'
        WHEN 'mental-health-lived-experience' THEN 'People with lived experience of mental ill health'
        WHEN 'neurodivergent-people' THEN 'Neurodivergent people'
        WHEN 'faith-communities' THEN 'Faith communities'
        WHEN 'english' THEN 'English'
        WHEN 'welsh' THEN 'Welsh'
        WHEN 'british-sign-language' THEN 'British Sign Language'
        WHEN 'scottish-gaelic' THEN 'Scottish Gaelic'
        WHEN 'irish' THEN 'Irish'
        WHEN 'arabic' THEN 'Arabic'
        WHEN 'bengali' THEN 'Bengali'
        WHEN 'cantonese' THEN 'Cantonese'
        WHEN 'gujarati' THEN 'Gujarati'
        WHEN 'hindi' THEN 'Hindi'
        WHEN 'mandarin' THEN 'Mandarin'
        WHEN 'polish' THEN 'Polish'
        WHEN 'portuguese' THEN 'Portuguese'
        WHEN 'punjabi' THEN 'Punjabi'
        WHEN 'romanian' THEN 'Romanian'
        WHEN 'somali' THEN 'Somali'
        WHEN 'spanish' THEN 'Spanish'
        WHEN 'tamil' THEN 'Tamil'
        WHEN 'turkish' THEN 'Turkish'
        WHEN 'urdu' THEN 'Urdu'
        WHEN 'yoruba' THEN 'Yoruba'
        ELSE NULL END
$$;

-- Each slug's label and its own words, for the documents below. (Calls between these functions
-- name their schema: pg_restore runs with an empty search_path.)
CREATE FUNCTION vocabulary_words(slugs text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(coalesce(public.vocabulary_label(s) || ' ', '') || replace(s, '-', ' '), ' '), '')
    FROM unnest(slugs) AS s
$$;

DROP INDEX coaches_search_document;
ALTER TABLE coaches DROP COLUMN search_document;
DROP FUNCTION coach_search_document(text, text, text, text[], text[], text[], text, text);

CREATE FUNCTION coach_search_document(
    name text, role text, organisation text, themes text[], communities text[],
    languages text[], bio text, how_i_coach text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
-- Not inlined (a SET clause prevents it), so that restoring a dump, which creates the table
-- before the functions this one calls, does not read its body before they exist.
SET search_path = public, pg_catalog AS $$
    SELECT setweight(to_tsvector('english', name), 'A')
        || setweight(to_tsvector('english', role || ' ' || organisation), 'B')
        || setweight(to_tsvector('english', public.vocabulary_words(themes)), 'B')
        || setweight(to_tsvector('english', public.vocabulary_words(communities || languages)), 'B')
        || setweight(to_tsvector('english', bio || ' ' || how_i_coach), 'C')
$$;

ALTER TABLE coaches ADD COLUMN search_document tsvector GENERATED ALWAYS AS
    (coach_search_document(name, role, organisation, themes, communities, languages, bio, how_i_coach)) STORED;
CREATE INDEX coaches_search_document ON coaches USING gin (search_document);

CREATE OR REPLACE FUNCTION coach_search_words_of(coach coaches) RETURNS SETOF text
LANGUAGE sql STABLE AS $$
    SELECT DISTINCT word FROM regexp_split_to_table(
        lower(coach.name || ' ' || coach.role || ' ' || coach.organisation || ' '
            || public.vocabulary_words(coach.themes || coach.communities || coach.languages)),
        '[^a-z0-9\u00C0-\u02AF]+') AS word
    WHERE char_length(word) >= 4
$$;

DELETE FROM coach_search_words;
INSERT INTO coach_search_words (word, coach_id)
    SELECT word, c.id FROM coaches AS c, coach_search_words_of(c) AS word;
