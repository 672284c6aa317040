#!/usr/bin/env bash
# make bench: the directory's search page under a bounded load, then the take-up overview with
# 50,000 requests and 20,000 questionnaires.
#
# Loads 10,000 fictional coaches into a fresh database in a throwaway PostgreSQL, starts the
# release build, and drives /coaches with a rotating mix of searches and filters from a second
# process (wrk: 1 thread, 4 connections, so the 2-core machine is shared, not swamped). Prints
# p50 and p99 latency and requests per second. Figures are reported, never asserted.
#
#   BENCH_COACHES (10000), BENCH_SECONDS (20), BENCH_CONNECTIONS (4)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/postgres.sh
. scripts/lib/postgres.sh
# shellcheck source=lib/server.sh
. scripts/lib/server.sh
# shellcheck source=lib/data_key.sh
. scripts/lib/data_key.sh

coaches=${BENCH_COACHES:-10000}
seconds=${BENCH_SECONDS:-20}
connections=${BENCH_CONNECTIONS:-4}

scripts/prerequisites.sh bench
scripts/build.sh release

cluster=target/bench-postgres
cleanup() {
	trap - EXIT INT TERM
	stop_server
	pg_discard "$cluster"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

pg_discard "$cluster"
pg_up "$cluster" "$(pg_free_port 54360)" throwaway
pg_app_database bench
port=$(pg_free_port 3200)
export CASCADE_ADDRESS=127.0.0.1:$port CASCADE_SITE_ROOT=target/site RUST_LOG=warn
rm -f target/bench-data-key
data_key_from target/bench-data-key

started=$(date +%s.%N)
target/release/cascade seed --coaches "$coaches" >target/bench-seed.log 2>&1 || {
	cat target/bench-seed.log >&2
	exit 1
}
loaded=$(date +%s.%N)
psql "$CASCADE_MIGRATION_DATABASE_URL" -qc "VACUUM ANALYZE coaches"
published=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM coaches WHERE status = 'published'")
printf 'Loaded %s coaches (%s published) in %.1f s\n' "$coaches" "$published" "$(echo "$loaded - $started" | bc)"

serve_in_background target/release/cascade target/bench-server.log

# The mix: browsing, each kind of filter, text searches with typos and partial words, deep pages.
cat >target/bench-paths.lua <<'LUA'
local paths = {
  "/coaches",
  "/coaches?page=7",
  "/coaches?region=wales",
  "/coaches?theme=board-and-governance&accepting=yes",
  "/coaches?community=carers&language=welsh",
  "/coaches?format=phone&region=london",
  "/coaches?q=governance",
  "/coaches?q=okafr",
  "/coaches?q=strat&region=north-west",
  "/coaches?q=mental+health+recovery",
  "/coaches?q=fundraising&accepting=yes",
  "/coaches?q=being+a+new+leader&page=2",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

echo "Warming up..."
wrk -t1 -c"$connections" -d3s -s target/bench-paths.lua "http://$CASCADE_ADDRESS" >/dev/null
echo "Driving /coaches for ${seconds} s: 1 thread, $connections connections, 12 searches in rotation"
wrk -t1 -c"$connections" -d"${seconds}s" --latency -H "Accept-Encoding: br, gzip" \
	-s target/bench-paths.lua "http://$CASCADE_ADDRESS" | tee target/bench-wrk.txt

echo
echo "Each search alone (median of 5, sequential, milliseconds):"
sed -n 's/^  "\(.*\)",$/\1/p' target/bench-paths.lua | while read -r path; do
	times=$(for _ in 1 2 3 4 5; do
		curl --silent --output /dev/null --header "Accept-Encoding: br" --write-out '%{time_total}\n' "http://$CASCADE_ADDRESS$path"
	done | sort -n | sed -n 3p)
	printf '  %7.1f  %s\n' "$(echo "$times * 1000" | bc)" "$path"
done

p50=$(awk '/Latency Distribution/{f=1} f && $1=="50%"{print $2; exit}' target/bench-wrk.txt)
p99=$(awk '/Latency Distribution/{f=1} f && $1=="99%"{print $2; exit}' target/bench-wrk.txt)
rps=$(awk '/Requests\/sec/{print $2}' target/bench-wrk.txt)
errors=$(grep -E "Non-2xx|Socket errors" target/bench-wrk.txt || true)
echo
echo "Directory search, $coaches coaches: p50 $p50, p99 $p99, $rps requests/s${errors:+ ($errors)}"

# The take-up overview: 50,000 requests and 20,000 questionnaires (scripts/bench-overview.sql).
echo
echo "Loading 50,000 requests and 20,000 questionnaires for the overview..."
psql "$CASCADE_MIGRATION_DATABASE_URL" -q -v ON_ERROR_STOP=1 -f scripts/bench-overview.sql >/dev/null
counts=$(psql "$DATABASE_URL" -tAc "SELECT (SELECT count(*) FROM leader_requests) || ' requests, ' || (SELECT count(*) FROM questionnaires) || ' questionnaires'")
echo "Loaded: $counts"
jar=target/bench-cookies.txt
rm -f "$jar"
curl --silent --output /dev/null --cookie-jar "$jar" --header "Origin: http://$CASCADE_ADDRESS" \
	--data "email=staff%40example.org&password=cascade-demo&next=%2Fstaff" "http://$CASCADE_ADDRESS/sign-in"
echo "Each overview alone (median of 5, sequential, milliseconds; target under 300):"
for path in "/staff/overview" "/staff/overview?region=london&funding=bursary" \
	"/staff/overview?from=$(date -d '-6 months' +%Y-%m-%d)" "/staff/overview/funnel.csv" "/impact"; do
	curl --silent --output /dev/null --cookie "$jar" "http://$CASCADE_ADDRESS$path"
	times=$(for _ in 1 2 3 4 5; do
		curl --silent --output /dev/null --cookie "$jar" --write-out '%{http_code} %{time_total}\n' "http://$CASCADE_ADDRESS$path"
	done | sort -k2 -n | sed -n 3p)
	printf '  %7.1f  %s (HTTP %s)\n' "$(echo "${times#* } * 1000" | bc)" "$path" "${times%% *}"
done
