-- The coach directory: profiles, their availability, and what makes them searchable.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Keeps updated_at honest on every table that has one.
CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

-- The weighted full-text document: name first, then role, organisation and themes, then the
-- coach's own words. Declared IMMUTABLE (array_to_string is only STABLE in general, but is
-- stable-in-fact for text[]) so that it can feed a generated column.
CREATE FUNCTION coach_search_document(
    name text, role text, organisation text, themes text[], bio text, how_i_coach text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', name), 'A')
        || setweight(to_tsvector('english', role || ' ' || organisation), 'B')
        || setweight(to_tsvector('english', replace(array_to_string(themes, ' '), '-', ' ')), 'B')
        || setweight(to_tsvector('english', bio || ' ' || how_i_coach), 'C')
$$;

-- The short text that trigram matching runs over, so a typo or a partial word in a name,
-- an organisation or a theme still finds the coach.
CREATE FUNCTION coach_search_names(
    name text, role text, organisation text, themes text[]
) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(name || ' ' || organisation || ' ' || role || ' '
        || replace(array_to_string(themes, ' '), '-', ' '))
$$;

CREATE TABLE coaches (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
    -- Only published coaches are ever shown to the public.
    status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'pending_approval', 'published', 'hidden')),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    pronouns text CHECK (length(pronouns) <= 30),
    role text NOT NULL CHECK (length(btrim(role)) BETWEEN 1 AND 100),
    organisation text NOT NULL CHECK (length(btrim(organisation)) BETWEEN 1 AND 150),
    region text NOT NULL CHECK (region IN (
        'north-east', 'north-west', 'yorkshire-and-the-humber', 'east-midlands', 'west-midlands',
        'east-of-england', 'london', 'south-east', 'south-west', 'wales', 'scotland',
        'northern-ireland')),
    postcode_area text NOT NULL CHECK (postcode_area ~ '^[A-Z]{1,2}$'),
    bio text NOT NULL CHECK (length(bio) <= 2000),
    how_i_coach text NOT NULL CHECK (length(how_i_coach) <= 2000),
    themes text[] NOT NULL CHECK (cardinality(themes) >= 1 AND themes <@ ARRAY[
        'strategy-and-planning', 'board-and-governance', 'income-generation-and-sustainability',
        'partnerships-and-health-and-care', 'leading-staff-and-volunteers',
        'wellbeing-and-resilience', 'equity-diversity-and-inclusion', 'leading-through-change',
        'growing-and-evaluating-services', 'being-a-new-leader']),
    communities text[] NOT NULL DEFAULT '{}' CHECK (communities <@ ARRAY[
        'ethnic-minority-communities', 'disabled-people', 'women', 'older-people', 'young-people',
        'lgbtq-people', 'low-income-or-deprived-areas', 'rural-communities',
        'refugees-and-asylum-seekers', 'carers', 'mental-health-lived-experience',
        'neurodivergent-people', 'faith-communities']),
    languages text[] NOT NULL CHECK (cardinality(languages) >= 1 AND languages <@ ARRAY[
        'english', 'welsh', 'british-sign-language', 'scottish-gaelic', 'irish', 'arabic',
        'bengali', 'cantonese', 'gujarati', 'hindi', 'mandarin', 'polish', 'portuguese',
        'punjabi', 'romanian', 'somali', 'spanish', 'tamil', 'turkish', 'urdu', 'yoruba']),
    formats text[] NOT NULL CHECK (cardinality(formats) >= 1 AND formats <@ ARRAY['video', 'phone']),
    -- Availability: public at once, no approval needed.
    accepting_new_leaders boolean NOT NULL DEFAULT true,
    capacity integer NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 0 AND 20),
    -- Capacity is enforced here, so two acceptances racing cannot both take the last place.
    current_leaders integer NOT NULL DEFAULT 0 CHECK (current_leaders >= 0 AND current_leaders <= capacity),
    next_opening date,
    accepting_now boolean GENERATED ALWAYS AS (accepting_new_leaders AND current_leaders < capacity) STORED,
    -- Private: never shown to the public; leaders reach a coach only through a request.
    email text NOT NULL CHECK (position('@' IN email) > 1),
    phone text,
    search_document tsvector GENERATED ALWAYS AS
        (coach_search_document(name, role, organisation, themes, bio, how_i_coach)) STORED,
    search_names text GENERATED ALWAYS AS (coach_search_names(name, role, organisation, themes)) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE TRIGGER coaches_updated_at BEFORE UPDATE ON coaches
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE INDEX coaches_search_document ON coaches USING gin (search_document);
CREATE INDEX coaches_search_names ON coaches USING gin (search_names gin_trgm_ops);
CREATE INDEX coaches_themes ON coaches USING gin (themes);
CREATE INDEX coaches_communities ON coaches USING gin (communities);
CREATE INDEX coaches_languages ON coaches USING gin (languages);
CREATE INDEX coaches_published_region ON coaches (region) WHERE status = 'published';
