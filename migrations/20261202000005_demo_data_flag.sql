-- Set when `cascade seed` loads the made-up demo data, so that every page can say so.
CREATE TABLE demo_data (
    seeded_at timestamptz NOT NULL DEFAULT now()
);
