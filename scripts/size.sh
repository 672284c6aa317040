#!/usr/bin/env bash
# Prints the size of each front-end file as built and as sent (brotli), and the JS+WASM each
# public page costs over the wire. The budget is 120 KB of JS+WASM, brotli, per page: over it,
# this fails (and so does `make test`, which runs it on the release front end).
#
# Which pages load the WASM is checked by the integration test
# `directory::only_pages_with_an_island_load_the_wasm`: only pages with an island render Leptos's
# loader; every page loads navigation.js.
set -euo pipefail
pkg=${1:-target/site/pkg}
# The build's files are in a folder named by their hash (see scripts/build.sh).
if [ -f "$pkg/version" ]; then pkg="$pkg/$(cat "$pkg/version")"; fi
printf '%-22s %10s %10s\n' file raw brotli
declare -A br
for file in "$pkg"/cascade.js "$pkg"/cascade_bg.wasm "$pkg"/navigation.js "$pkg"/cascade.css; do
	raw=$(stat -c %s "$file")
	br[$(basename "$file")]=$(brotli --best --stdout "$file" | wc -c)
	printf '%-22s %10d %10d\n' "$(basename "$file")" "$raw" "${br[$(basename "$file")]}"
done
budget=122880
islands=$((br[cascade.js] + br[cascade_bg.wasm] + br[navigation.js]))
plain=${br[navigation.js]}
echo
echo "JS+WASM over the wire, per page (brotli), of a $budget-byte (120 KB) budget:"
printf '  %-62s %7d bytes (%d KB)\n' "/coaches, /eligibility (islands: cascade.js, its WASM, navigation.js)" "$islands" $((islands / 1024))
printf '  %-62s %7d bytes (%d KB)\n' "every other page (/, /privacy, /impact, profiles, forms: navigation.js)" "$plain" $((plain / 1024))
if [ "$islands" -gt "$budget" ]; then
	echo "Over the budget by $((islands - budget)) bytes: make the islands smaller before adding more." >&2
	exit 1
fi
