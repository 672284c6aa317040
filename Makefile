# Cascade: two commands to start.
#   make run    build the release app and serve it on http://127.0.0.1:3000 with demo data
#   make test   every test: unit, PostgreSQL integration, and Chromium end-to-end
# Both install whatever is missing first (see scripts/prerequisites.sh).

.PHONY: run test test-resilience build bench seed lint fmt size clean-data backup restore

run:
	@scripts/run.sh

test:
	@scripts/test.sh

# Only the two-server and outage tests (make test runs them too): see scripts/resilience.sh.
test-resilience:
	@scripts/resilience.sh

# The release build alone: target/release/cascade and target/site/pkg.
build:
	@scripts/prerequisites.sh run
	@scripts/build.sh release

# The directory under load, 10,000 coaches: closed and open loop, latency percentiles, errors,
# the server's peak memory and CPU per request; then the overview with 50,000 requests.
bench:
	@scripts/bench.sh

# Demo data into DATABASE_URL, or into the private cluster when it is not set.
seed:
	@scripts/seed.sh

lint:
	cargo fmt --all --check
	cargo clippy --package app --package server --all-targets -- -D warnings
	cargo clippy --package frontend --target wasm32-unknown-unknown -- -D warnings

fmt:
	cargo fmt --all

# What a browser downloads for the islands and navigation, raw and brotli-compressed.
size: build
	@scripts/size.sh target/site/pkg

# The database in pg_dump's custom format, into backups/ (or FILE=…), from DATABASE_URL or the
# private cluster; and back again (replacing what is there). Keep CASCADE_DATA_KEY with them.
backup:
	@scripts/backup.sh $(FILE)

restore:
	@scripts/restore.sh $(FILE)

# Deletes the private PostgreSQL cluster that `make run` keeps in .cascade/ (all local data).
clean-data:
	rm -rf .cascade/postgres
