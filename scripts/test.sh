#!/usr/bin/env bash
# make test: every test, against real parts.
#
#   1. formatting, then unit and PostgreSQL integration tests (`cargo test`), each integration
#      test on a fresh database of its own in a throwaway cluster;
#   2. end-to-end tests in headless Chromium (Playwright) against the built app, with and
#      without JavaScript.
#
# Whatever happens, the server and the throwaway cluster are stopped and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/postgres.sh
. scripts/lib/postgres.sh

started=$(date +%s)
step() { printf '\n\033[1m==> %s (%ds)\033[0m\n' "$*" $(($(date +%s) - started)); }

scripts/prerequisites.sh test

cluster=target/test-postgres
server_pid=
cleanup() {
	trap - EXIT INT TERM
	if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
		kill -TERM "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	pg_discard "$cluster"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

step "Formatting"
cargo fmt --all --check

step "Starting a throwaway PostgreSQL"
pg_discard "$cluster"
pg_up "$cluster" "$(pg_free_port 54340)" throwaway
export TEST_DATABASE_URL=$PG_ADMIN_URL

step "Unit and integration tests"
# One invocation for both packages, so `app` is compiled once (with `ssr`) and the server binary
# used below shares the tests' compiled dependencies.
cargo test --package app --package server --no-fail-fast

step "Building the front end for the browser tests"
scripts/build.sh frontend-dev

step "End-to-end tests in Chromium"
DATABASE_URL=$(pg_create_database e2e)
export DATABASE_URL
port=$(pg_free_port 3100)
# Every browser test posts from 127.0.0.1: lift the per-address limit (its own test is an integration test).
export CASCADE_ADDRESS=127.0.0.1:$port CASCADE_SITE_ROOT=target/site-dev CASCADE_REQUESTS_PER_ADDRESS=10000
target/debug/cascade migrate
target/debug/cascade seed
target/debug/cascade serve >target/e2e-server.log 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
	curl --silent --fail "http://$CASCADE_ADDRESS/healthz" >/dev/null 2>&1 && break
	kill -0 "$server_pid" 2>/dev/null || { cat target/e2e-server.log; exit 1; }
	sleep 0.2
done
curl --silent --fail "http://$CASCADE_ADDRESS/healthz" >/dev/null || {
	echo "The app did not become ready:" >&2
	cat target/e2e-server.log >&2
	exit 1
}
(cd end2end && BASE_URL="http://$CASCADE_ADDRESS" DATABASE_URL="$DATABASE_URL" npx playwright test)

step "All tests passed"
