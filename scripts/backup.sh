#!/usr/bin/env bash
# make backup [FILE=path]: the whole database in pg_dump's custom format (compressed; restored
# with `make restore`), from DATABASE_URL, or from the private cluster `make run` uses.
#
# Sealed values (communities served, lived experience) are in the dump encrypted: a restore is
# readable only with the same CASCADE_DATA_KEY (for the private cluster, .cascade/data-key).
# Keep the key with the backups, but not in the same place.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/postgres.sh
. scripts/lib/postgres.sh

file=${1:-backups/cascade-$(date -u +%Y%m%d-%H%M%S).dump}
mkdir -p "$(dirname "$file")"
cluster=.cascade/postgres
trap 'pg_down "$cluster" 2>/dev/null || true' EXIT
pg_owner_url_of_app "$cluster" "${CASCADE_PG_PORT:-54329}"
# The schema's owner reads everything; no owners or grants in the file, so it restores into
# any database (the server grants its serving role what it needs when it starts).
pg_dump --format=custom --no-owner --no-privileges --file="$file" "$PG_OWNER_URL"
echo "Backed up to $file ($(stat -c %s "$file") bytes)."
