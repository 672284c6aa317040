#!/usr/bin/env bash
# make seed: add the demo data to DATABASE_URL, or to the private cluster `make run` uses.
# Coaches whose slug is already taken are skipped, so running it twice adds nothing twice.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/postgres.sh
. scripts/lib/postgres.sh
# shellcheck source=lib/data_key.sh
. scripts/lib/data_key.sh

scripts/prerequisites.sh run
cargo build --release --package server --bin cascade
cluster=.cascade/postgres
data_key_from .cascade/data-key
trap 'pg_down "$cluster" 2>/dev/null || true' EXIT
if [ -z "${DATABASE_URL:-}" ]; then
	pg_up "$cluster" "${CASCADE_PG_PORT:-54329}"
	pg_app_database cascade
fi
target/release/cascade seed
