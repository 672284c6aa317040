#!/usr/bin/env bash
# The two-server and outage tests (`make test` runs them; `make test-resilience` alone).
#
# Two Cascade processes share one throwaway PostgreSQL behind haproxy, with the demo data.
# scripts/resilience.py checks, through the proxy: that both serve and a session holds on
# both; then, under steady load, a 10-second PostgreSQL outage (see its header). Then, here:
#   - SIGTERM under load: the server finishes what it has in flight and exits within 10 s, and
#     the proxy's clients see no error;
#   - the background work runs once: requests whose answer deadline has passed are expired by
#     two servers starting together, and each leader gets exactly one email saying so.
#
#   RESILIENCE_BINARY (target/debug/cascade)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/postgres.sh
. scripts/lib/postgres.sh
# shellcheck source=lib/data_key.sh
. scripts/lib/data_key.sh

binary=${RESILIENCE_BINARY:-target/debug/cascade}
started=$(date +%s)
step() { printf '\n\033[1m==> %s (%ds)\033[0m\n' "$*" $(($(date +%s) - started)); }
fail() {
	echo "FAILED: $*" >&2
	exit 1
}

scripts/prerequisites.sh test
[ -x "$binary" ] || cargo build --package server --bin cascade

cluster=target/resilience-postgres
pids=()
proxy_pid=
cleanup() {
	trap - EXIT INT TERM
	for pid in "${pids[@]}" $proxy_pid; do kill -TERM "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	pg_discard "$cluster"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

step "Two servers on one PostgreSQL, behind haproxy"
pg_discard "$cluster"
# Not a throwaway cluster: commits are durable, as in production, for the "nothing acknowledged is
# lost" check.
pg_up "$cluster" "$(pg_free_port 54370)"
pg_app_database resilience
rm -f target/resilience-data-key
data_key_from target/resilience-data-key
# Every request reaches the servers from the proxy's address: lift the per-address form limit.
export CASCADE_REQUESTS_PER_ADDRESS=100000 CASCADE_SITE_ROOT=target/site-dev RUST_LOG=info
"$binary" seed >target/resilience-seed.log 2>&1 || {
	cat target/resilience-seed.log >&2
	exit 1
}

ports=("$(pg_free_port 3300)")
ports+=("$(pg_free_port $((ports[0] + 1)))")
# Starts server $1 (0 or 1) in the background; its log in target/resilience-server-$1.log.
start_server() {
	CASCADE_ADDRESS=127.0.0.1:${ports[$1]} "$binary" serve >>"target/resilience-server-$1.log" 2>&1 &
	pids[$1]=$!
}
ready() {
	for _ in $(seq 1 150); do
		curl --silent --fail "http://127.0.0.1:${ports[$1]}/healthz" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	fail "server $1 did not become ready: $(tail -20 "target/resilience-server-$1.log")"
}
rm -f target/resilience-server-*.log
start_server 0
start_server 1
ready 0
ready 1

proxy_port=$(pg_free_port 3310)
# Round robin; a server is taken out when it stops answering /livez (not /healthz: while the
# database is down both would be out, and nothing could answer from memory). A request that
# could not reach a server, or found its connection closed, is sent to the other.
cat >target/resilience-haproxy.cfg <<CFG
global
    maxconn 2000
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch
    retry-on conn-failure empty-response response-timeout
frontend cascade
    bind 127.0.0.1:$proxy_port
    default_backend servers
backend servers
    balance roundrobin
    option httpchk GET /livez
    default-server inter 500ms fall 2 rise 1
    server one 127.0.0.1:${ports[0]} check
    server two 127.0.0.1:${ports[1]} check
CFG
"$(command -v haproxy || echo /usr/sbin/haproxy)" -f target/resilience-haproxy.cfg >target/resilience-haproxy.log 2>&1 &
proxy_pid=$!
base="http://127.0.0.1:$proxy_port"
for _ in $(seq 1 50); do curl --silent --fail "$base/livez" >/dev/null 2>&1 && break; sleep 0.1; done

# Stopped as an administrator would (fast: connections are cut, commits kept), started again
# as it was.
export PG_STOP="bash -c '. scripts/lib/postgres.sh && pg_down $cluster'"
export PG_START="bash -c '. scripts/lib/postgres.sh && pg_up $cluster $PG_PORT >/dev/null'"
python3 scripts/resilience.py "$base" "$DATABASE_URL" target/resilience-server-0.log target/resilience-server-1.log

step "SIGTERM under load: in-flight requests finish, the server exits within 10 s"
# 40 requests/s through the proxy for 6 s, while server one is told to stop.
load_log=target/resilience-drain.txt
(
	for _ in $(seq 1 240); do
		curl --silent --output /dev/null --write-out '%{http_code}\n' --max-time 15 "$base/coaches?q=$RANDOM$RANDOM" &
		sleep 0.025
	done
	wait
) >"$load_log" &
load_pid=$!
sleep 1
# And one request that takes 3 s (its form sent slowly), straight to server one, in flight
# when it is told to stop.
python3 scripts/resilience.py --slow-ask "http://127.0.0.1:${ports[0]}" 3 >target/resilience-slow.txt &
slow_pid=$!
sleep 0.5
kill -TERM "${pids[0]}"
now_ms() { echo $(($(date +%s%N) / 1000000)); }
signalled=$(now_ms)
while kill -0 "${pids[0]}" 2>/dev/null; do
	sleep 0.05
	[ $(($(now_ms) - signalled)) -le 12000 ] || fail "server one still running 12 s after SIGTERM"
done
exited=$(($(now_ms) - signalled))
echo "  ok: server one exited $((exited / 1000)).$((exited % 1000 / 100)) s after SIGTERM"
[ "$exited" -le 10000 ] || fail "it took more than 10 s"
wait "${pids[0]}" 2>/dev/null || true
grep -q "shutting down" target/resilience-server-0.log || fail "server one did not log its shutdown"
wait "$slow_pid" || true
slow=$(cat target/resilience-slow.txt)
[ "$slow" = 303 ] || fail "the request in flight at SIGTERM was answered: ${slow:-nothing}"
[ "$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM expressions_of_interest WHERE email LIKE 'slow-%'")" = 1 ] ||
	fail "the request in flight at SIGTERM was not stored"
echo "  ok: the request in flight at SIGTERM (3 s long) was finished: 303, its request stored"
wait "$load_pid"
[ "$(wc -l <"$load_log")" = 240 ] || fail "only $(wc -l <"$load_log") of 240 requests during the drain were answered"
errors=$(grep -cv '^200$' "$load_log" || true)
[ "$errors" = 0 ] || fail "during the drain, requests got: $(sort "$load_log" | uniq -c | tr '\n' ' ')"
echo "  ok: all $(wc -l <"$load_log") requests through the proxy during the drain were answered 200"

step "Background work runs once with two servers"
kill -TERM "${pids[1]}"
wait "${pids[1]}" 2>/dev/null || true
due=$(psql "$DATABASE_URL" -qtAc "UPDATE expressions_of_interest SET answer_due_on = current_date - 1
	WHERE status = 'pending' AND (email LIKE 'load-%' OR email LIKE 'recovery-%') RETURNING 1" | wc -l)
[ "$due" -gt 0 ] || fail "no pending requests to expire"
start_server 0
start_server 1
ready 0
ready 1
for _ in $(seq 1 100); do
	left=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM expressions_of_interest WHERE status = 'pending' AND answer_due_on < current_date")
	[ "$left" = 0 ] && break
	sleep 0.1
done
[ "$left" = 0 ] || fail "$left requests past their deadline were not expired"
counts=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FILTER (WHERE n = 1) || ' ' || count(*) FILTER (WHERE n <> 1) FROM (
	SELECT e.id, count(o.id) AS n FROM expressions_of_interest e
	LEFT JOIN outbox o ON o.to_address = e.email AND o.kind = 'request_expired'
	WHERE e.status = 'expired' AND (e.email LIKE 'load-%' OR e.email LIKE 'recovery-%') GROUP BY e.id) AS per_request")
once=${counts% *} other=${counts#* }
[ "$other" = 0 ] && [ "$once" -ge "$due" ] ||
	fail "expiry emails: $once expired requests had exactly one, $other had none or more than one"
echo "  ok: $due requests past their deadline expired once each, by two servers together: one email to each leader"

step "Resilience checks passed"
