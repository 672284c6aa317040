#!/usr/bin/env bash
# make run: build the release app, start the private PostgreSQL cluster (unless DATABASE_URL
# points elsewhere), apply migrations, load demo data into an empty database, and serve.
# Ctrl-C stops the app and the cluster cleanly; the data stays in .cascade/postgres.
#
#   CASCADE_ADDRESS   where to serve (default 127.0.0.1:3000)
#   DATABASE_URL      use this PostgreSQL instead of the private cluster
#   CASCADE_PG_PORT   the private cluster's port (default 54329)
#   CASCADE_DATA_KEY  the data key (default: the one made on first run in .cascade/data-key)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/postgres.sh
. scripts/lib/postgres.sh
# shellcheck source=lib/server.sh
. scripts/lib/server.sh
# shellcheck source=lib/data_key.sh
. scripts/lib/data_key.sh

started=$(date +%s)
scripts/prerequisites.sh run
scripts/build.sh release

export CASCADE_ADDRESS=${CASCADE_ADDRESS:-127.0.0.1:3000}
export CASCADE_SITE_ROOT=target/site
cluster=.cascade/postgres
data_key_from .cascade/data-key

stop() {
	trap - EXIT INT TERM
	stop_server
	if [ -n "${PG_STARTED:-}" ]; then
		echo "Stopping the private PostgreSQL cluster"
		pg_down "$cluster"
	fi
}
trap stop EXIT
trap 'stop; exit 130' INT TERM

if [ -z "${DATABASE_URL:-}" ]; then
	pg_up "$cluster" "${CASCADE_PG_PORT:-54329}"
	# Migrations as the owner, the app as a role that can only read and write rows.
	pg_app_database cascade
fi

# Seeding applies the migrations first.
target/release/cascade seed --if-empty
echo "Ready after $(($(date +%s) - started)) s: open http://$CASCADE_ADDRESS (Ctrl-C stops)"
echo "Demo accounts (with the demo data): staff@example.org and coach@example.org, password cascade-demo"
target/release/cascade serve &
server_pid=$!
wait "$server_pid"
