#!/usr/bin/env bash
# Installs what Cascade needs and is missing; skips whatever is already there.
#
#   scripts/prerequisites.sh run    the build and the private PostgreSQL
#   scripts/prerequisites.sh test   the same, plus Chromium, the browser-test packages and haproxy
#   scripts/prerequisites.sh bench  the same as run, plus wrk and oha (the load tools)
#
# From crates.io: the wasm-bindgen CLI at the version Cargo.toml pins. From Debian: binaryen
# (wasm-opt), brotli, PostgreSQL, Chromium, Node.js. From npm: end2end/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-run}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		# Never wait for a password that nobody (CI) will type.
		sudo -n "$@"
	else
		echo "Installing needs root: run 'sudo $*' and try again." >&2
		exit 1
	fi
}

# The CLI must match the wasm-bindgen crate exactly; Cargo.toml's `=` pin is the one source.
wasm_bindgen_version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$wasm_bindgen_version" ] || { echo "Cargo.toml does not pin wasm-bindgen with '='" >&2; exit 1; }

command -v cargo >/dev/null 2>&1 && command -v rustup >/dev/null 2>&1 || {
	echo "Cascade needs Rust installed with rustup (https://rustup.rs), version 1.95 or later." >&2
	exit 1
}
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
	say "Adding the wasm32-unknown-unknown target"
	rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$wasm_bindgen_version" ]; then
	say "Installing wasm-bindgen-cli $wasm_bindgen_version (a few minutes, once)"
	cargo install --locked "wasm-bindgen-cli@$wasm_bindgen_version"
fi

packages=()
command -v wasm-opt >/dev/null 2>&1 || packages+=(binaryen)
command -v brotli >/dev/null 2>&1 || packages+=(brotli)
# shellcheck source=lib/postgres.sh
. scripts/lib/postgres.sh
if ! pg_bindir >/dev/null 2>&1; then
	packages+=(postgresql postgresql-contrib)
fi
command -v psql >/dev/null 2>&1 || packages+=(postgresql-client)
command -v curl >/dev/null 2>&1 || packages+=(curl)
if [ "$purpose" = bench ]; then
	command -v wrk >/dev/null 2>&1 || packages+=(wrk)
	command -v bc >/dev/null 2>&1 || packages+=(bc)
fi
if [ "$purpose" = test ]; then
	[ -x /usr/bin/chromium ] || packages+=(chromium)
	# The two-server test's reverse proxy.
	command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || packages+=(haproxy)
	command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi

if [ "$purpose" = bench ] && ! command -v oha >/dev/null 2>&1; then
	# A constant arrival rate with coordinated omission corrected, which wrk cannot do.
	say "Installing oha 1.16.0, the open-loop load tool (a few minutes, once)"
	cargo install --locked oha@1.16.0
fi

if [ "${#packages[@]}" -gt 0 ]; then
	say "Installing from Debian: ${packages[*]}"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

if [ "$purpose" = test ]; then
	if [ ! -f end2end/node_modules/.package-lock.json ] ||
		[ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
		say "Installing the browser-test packages (npm ci)"
		(cd end2end && npm ci --no-audit --no-fund --loglevel=error)
	fi
fi
