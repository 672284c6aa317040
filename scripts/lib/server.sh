# shellcheck shell=bash
# The app in the background, for scripts that drive it (tests, benchmark). Needs CASCADE_ADDRESS.
#
#   serve_in_background BINARY LOG   starts `BINARY serve`, returns once /healthz answers
#   stop_server                      stops it, if it is running

server_pid=

serve_in_background() {
	local binary=$1 log=$2
	"$binary" serve >"$log" 2>&1 &
	server_pid=$!
	for _ in $(seq 1 150); do
		curl --silent --fail "http://$CASCADE_ADDRESS/healthz" >/dev/null 2>&1 && return 0
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.2
	done
	echo "The app did not become ready:" >&2
	cat "$log" >&2
	return 1
}

stop_server() {
	if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
		kill -TERM "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	server_pid=
}
