#!/usr/bin/env bash
# make bench: the directory under load, then the take-up overview with 50,000 requests and
# 20,000 questionnaires.
#
# Loads 10,000 fictional coaches into a fresh database in a throwaway PostgreSQL, starts the
# release build, and drives /coaches with a rotating mix of 12 searches and filters from other
# processes on the same 2-core machine (so the load tools, PostgreSQL and the server share it):
#   - one connection, /coaches alone: the server's time for the most visited page;
#   - closed loop (wrk, 1 thread, 16 connections): the most requests per second it can answer;
#   - open loop (oha, a constant 500 requests/s, latencies corrected for coordinated omission):
#     what people would wait at a steady rate. wrk cannot keep a constant arrival rate, and a
#     closed loop hides queueing: a slow answer delays the requests that would have followed.
# It prints p50, p99, p99.9, errors, the server's peak memory and its CPU time per request.
# Figures are reported, never asserted.
#
#   BENCH_COACHES (10000), BENCH_SECONDS (20), BENCH_CONNECTIONS (16), BENCH_RATE (500)
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
connections=${BENCH_CONNECTIONS:-16}
rate=${BENCH_RATE:-500}

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
base="http://$CASCADE_ADDRESS"

# The mix: browsing, each kind of filter, text searches with typos and partial words, deep pages.
paths=(
	"/coaches"
	"/coaches?page=7"
	"/coaches?region=wales"
	"/coaches?theme=board-and-governance&accepting=yes"
	"/coaches?community=carers&language=welsh"
	"/coaches?format=phone&region=london"
	"/coaches?q=governance"
	"/coaches?q=okafr"
	"/coaches?q=strat&region=north-west"
	"/coaches?q=mental+health+recovery"
	"/coaches?q=fundraising&accepting=yes"
	"/coaches?q=being+a+new+leader&page=2"
)
printf '%s\n' "${paths[@]/#/$base}" >target/bench-urls.txt
{
	echo 'local paths = {'
	printf '  "%s",\n' "${paths[@]}"
	cat <<'LUA'
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d p50=%.2f p99=%.2f p999=%.2f errors=%d non2xx=%d\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
LUA
} >target/bench-paths.lua

# CPU seconds the server has used so far (user + system).
cpu_seconds() {
	awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$server_pid/stat"
}
# p50 / p99 / p99.9 (milliseconds), requests/s and errors from oha's JSON.
oha_figures() {
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
s, p = r["summary"], r["latencyPercentiles"]
ok = sum(n for code, n in r["statusCodeDistribution"].items() if code.startswith("2"))
total = sum(r["statusCodeDistribution"].values()) + sum(r["errorDistribution"].values())
ms = lambda v: (v or 0) * 1000
print("requests=%d p50=%.2f p99=%.2f p999=%.2f rps=%.0f errors=%d" % (
    total, ms(p["p50"]), ms(p["p99"]), ms(p["p99.9"]), s["requestsPerSec"], total - ok))
' "$1"
}
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

# Milliseconds for one request to $1, by curl (the median of $2 tries).
median_ms() {
	local times
	times=$(for _ in $(seq 1 "$2"); do
		curl --silent --output /dev/null --header "Accept-Encoding: br" --write-out '%{time_total}\n' "$base$1"
	done | sort -n | sed -n "$((($2 + 1) / 2))p")
	echo "$times * 1000" | bc
}

echo
echo "Each search the first time (read from PostgreSQL, then kept in memory), milliseconds:"
for path in "${paths[@]}"; do
	printf '  %7.1f  %s\n' "$(median_ms "$path" 1)" "$path"
done

echo "Warming up..."
wrk -t1 -c"$connections" -d3s -s target/bench-paths.lua "$base" >/dev/null

echo
echo "Unfiltered /coaches alone, one connection, 2,000 requests (loopback; server time plus a few microseconds):"
oha --no-tui -c 1 -n 2000 -H "Accept-Encoding: br, gzip" --output-format json "$base/coaches" >target/bench-alone.json
alone=$(oha_figures target/bench-alone.json)
echo "  $alone"

echo
echo "Closed loop for ${seconds} s: wrk, 1 thread, $connections connections, 12 searches in rotation"
cpu_before=$(cpu_seconds)
wrk -t1 -c"$connections" -d"${seconds}s" --latency -H "Accept-Encoding: br, gzip" \
	-s target/bench-paths.lua "$base" | tee target/bench-wrk.txt
cpu_after=$(cpu_seconds)
closed=$(grep '^RESULT' target/bench-wrk.txt)
closed_rps=$(awk '/Requests\/sec/{print $2}' target/bench-wrk.txt)
closed_cpu=$(echo "scale=1; ($cpu_after - $cpu_before) * 1000000 / $(field requests "$closed")" | bc)

echo
echo "Open loop for ${seconds} s: oha, a constant $rate requests/s, latency corrected for coordinated omission"
cpu_before=$(cpu_seconds)
oha --no-tui -q "$rate" -z "${seconds}s" -w -c 64 --latency-correction --urls-from-file \
	-H "Accept-Encoding: br, gzip" --output-format json target/bench-urls.txt >target/bench-open.json
cpu_after=$(cpu_seconds)
open=$(oha_figures target/bench-open.json)
echo "  $open"
open_cpu=$(echo "scale=1; ($cpu_after - $cpu_before) * 1000000 / $(field requests "$open")" | bc)

echo
echo "Each search kept (median of 5, sequential, milliseconds):"
for path in "${paths[@]}"; do
	printf '  %7.1f  %s\n' "$(median_ms "$path" 5)" "$path"
done

slug=$(psql "$DATABASE_URL" -tAc "SELECT slug FROM coaches WHERE status = 'published' AND accepting_now ORDER BY slug LIMIT 1")
echo
echo "Other public pages, the first time and then (median of 5), milliseconds:"
for path in "/coaches/$slug" "/coaches/$slug/ask" "/eligibility" "/suggested-coaches?theme=board-and-governance&postcode=CF10" "/"; do
	first=$(median_ms "$path" 1)
	printf '  %7.1f %7.1f  %s\n' "$first" "$(median_ms "$path" 5)" "$path"
done
# The server compresses each page as it sends it, at brotli quality 4 (server/src/layers.rs):
# what each quality would cost for the first page of /coaches, with the brotli command (its
# start-up, about what quality 0 takes, is in every figure).
curl --silent --output target/bench-page.html "$base/coaches"
echo
echo "Compressing /coaches ($(stat -c %s target/bench-page.html) bytes) with brotli, 20 times each:"
for quality in 0 1 4 6 9 11; do
	started_ns=$(date +%s%N)
	for _ in $(seq 1 20); do brotli --quality="$quality" --stdout target/bench-page.html >target/bench-page.br; done
	per_page=$(echo "scale=2; ($(date +%s%N) - $started_ns) / 20 / 1000000" | bc)
	printf '  quality %2d: %6d bytes, %6.2f ms a page\n' "$quality" "$(stat -c %s target/bench-page.br)" "$per_page"
done

# After every kind of page, suggestions (which keep the whole directory) included.
peak=$(awk '/VmHWM/{printf "%.0f MB", $2 / 1024}' "/proc/$server_pid/status")

cat <<SUMMARY

Directory, $coaches coaches ($published published), on this machine ($(nproc) cores, load tools and PostgreSQL on it too):
  /coaches alone:  p50 $(field p50 "$alone") ms, p99 $(field p99 "$alone") ms
  closed loop:     $closed_rps requests/s with $connections connections; p50 $(field p50 "$closed") ms, p99 $(field p99 "$closed") ms, p99.9 $(field p999 "$closed") ms; errors $(field errors "$closed"), non-2xx $(field non2xx "$closed"); CPU $closed_cpu µs/request
  open loop:       $(field rps "$open") requests/s offered at $rate; p50 $(field p50 "$open") ms, p99 $(field p99 "$open") ms, p99.9 $(field p999 "$open") ms (corrected); errors $(field errors "$open"); CPU $open_cpu µs/request
  server memory:   peak $peak (resident)
SUMMARY

# The take-up overview: 50,000 requests and 20,000 questionnaires (scripts/bench-overview.sql).
echo
echo "Loading 50,000 requests and 20,000 questionnaires for the overview..."
psql "$CASCADE_MIGRATION_DATABASE_URL" -q -v ON_ERROR_STOP=1 -f scripts/bench-overview.sql >/dev/null
counts=$(psql "$DATABASE_URL" -tAc "SELECT (SELECT count(*) FROM leader_requests) || ' requests, ' || (SELECT count(*) FROM questionnaires) || ' questionnaires'")
echo "Loaded: $counts"
jar=target/bench-cookies.txt
rm -f "$jar"
curl --silent --output /dev/null --cookie-jar "$jar" --header "Origin: $base" \
	--data "email=staff%40example.org&password=cascade-demo&next=%2Fstaff" "$base/sign-in"
echo "Each overview alone (median of 5, sequential, milliseconds; target under 300):"
for path in "/staff/overview" "/staff/overview?region=london&funding=bursary" \
	"/staff/overview?from=$(date -d '-6 months' +%Y-%m-%d)" "/staff/overview/funnel.csv" "/impact"; do
	curl --silent --output /dev/null --cookie "$jar" "$base$path"
	times=$(for _ in 1 2 3 4 5; do
		curl --silent --output /dev/null --cookie "$jar" --write-out '%{http_code} %{time_total}\n' "$base$path"
	done | sort -k2 -n | sed -n 3p)
	printf '  %7.1f  %s (HTTP %s)\n' "$(echo "${times#* } * 1000" | bc)" "$path" "${times%% *}"
done
