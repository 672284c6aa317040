#!/usr/bin/env bash
# make test: every test, against real parts.
#
#   1. formatting and clippy (`make lint`, warnings are errors), then unit and PostgreSQL
#      integration tests (`cargo test`), each integration test on a fresh database of its own
#      in a throwaway cluster;
#   2. end-to-end tests in headless Chromium (Playwright) against the built app, with and
#      without JavaScript, with the debug front end (which reports hydration problems), then
#      the island tests again with the release front end, whose size must be within budget;
#   3. two servers behind haproxy through a PostgreSQL outage and a SIGTERM (scripts/resilience.sh).
#
# Whatever happens, the server and the throwaway cluster are stopped and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/postgres.sh
. scripts/lib/postgres.sh
# shellcheck source=lib/server.sh
. scripts/lib/server.sh
# shellcheck source=lib/data_key.sh
. scripts/lib/data_key.sh

started=$(date +%s)
step() { printf '\n\033[1m==> %s (%ds)\033[0m\n' "$*" $(($(date +%s) - started)); }

scripts/prerequisites.sh test

cluster=target/test-postgres
cleanup() {
	trap - EXIT INT TERM
	stop_server
	pg_discard "$cluster"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

step "Formatting and lints"
make --no-print-directory lint

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
# The app serves as a role that can only read and write rows, as `make run` does.
pg_app_database e2e
port=$(pg_free_port 3100)
# Every browser test posts from 127.0.0.1: lift the per-address limit (its own test is an integration test).
export CASCADE_ADDRESS=127.0.0.1:$port CASCADE_SITE_ROOT=target/site-dev CASCADE_REQUESTS_PER_ADDRESS=10000
# A key of its own, made afresh: the database is thrown away too.
rm -f target/e2e-data-key
data_key_from target/e2e-data-key
target/debug/cascade seed
serve_in_background target/debug/cascade target/e2e-server.log
(cd end2end && BASE_URL="http://$CASCADE_ADDRESS" DATABASE_URL="$DATABASE_URL" npx playwright test)

# The debug front end above reports hydration problems; the one people get is optimised
# differently (wasm-opt), so the islands are checked again as released.
step "Building the release front end"
scripts/build.sh frontend-release

step "The release front end's size (fails over the 120 KB budget)"
scripts/size.sh target/site/pkg

step "End-to-end tests of the islands as released"
stop_server
CASCADE_SITE_ROOT=target/site serve_in_background target/debug/cascade target/e2e-server.log
(cd end2end && BASE_URL="http://$CASCADE_ADDRESS" DATABASE_URL="$DATABASE_URL" npx playwright test --grep @release)

step "Two servers behind a proxy, a PostgreSQL outage, SIGTERM (scripts/resilience.sh)"
stop_server
scripts/resilience.sh

step "All tests passed"
