-- Nearest-neighbour trigram search, for the directory's last resort: when no word of a search
-- matches exactly or as the start of a word, the closest names, organisations and themes are
-- found in a bounded time, however common the letters typed (a GIN index would recheck every
-- row that shares a trigram).
CREATE INDEX coaches_search_names_nearest ON coaches USING gist (search_names gist_trgm_ops);
