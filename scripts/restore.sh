#!/usr/bin/env bash
# make restore FILE=path: replaces everything in DATABASE_URL (or in the private cluster `make
# run` uses) with a backup made by `make backup`. What the database held before is dropped.
#
# The server must then run with the CASCADE_DATA_KEY the backup was made under, or sealed
# values cannot be read.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/postgres.sh
. scripts/lib/postgres.sh

file=${1:?usage: scripts/restore.sh FILE (make restore FILE=backups/…dump)}
[ -r "$file" ] || { echo "No backup at $file" >&2; exit 1; }
cluster=.cascade/postgres
trap 'pg_down "$cluster" 2>/dev/null || true' EXIT
pg_owner_url_of_app "$cluster" "${CASCADE_PG_PORT:-54329}"
# One transaction: a restore that fails part-way leaves the database as it was.
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
	--exit-on-error --dbname="$PG_OWNER_URL" "$file"
# Servers running on this database drop the directory they keep in memory (the restore itself
# sends no change).
psql "$PG_OWNER_URL" -qc "NOTIFY directory_changed"
echo "Restored $file."
