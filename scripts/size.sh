#!/usr/bin/env bash
# Prints the size of each front-end file as built and as sent (brotli), and the total JS+WASM
# a public page costs over the wire. The budget is 120 KB of JS+WASM, brotli: over it, this
# fails (and so does `make test`, which runs it on the release front end).
set -euo pipefail
pkg=${1:-target/site/pkg}
total=0
printf '%-22s %10s %10s\n' file raw brotli
for file in "$pkg"/cascade.js "$pkg"/cascade_bg.wasm "$pkg"/navigation.js "$pkg"/cascade.css; do
	raw=$(stat -c %s "$file")
	br=$(brotli --best --stdout "$file" | wc -c)
	printf '%-22s %10d %10d\n' "$(basename "$file")" "$raw" "$br"
	case "$file" in *.js | *.wasm) total=$((total + br)) ;; esac
done
budget=122880
printf 'JS+WASM over the wire: %d bytes (%d KB) of a %d-byte (120 KB) budget\n' "$total" $((total / 1024)) "$budget"
if [ "$total" -gt "$budget" ]; then
	echo "Over the budget by $((total - budget)) bytes: make the islands smaller before adding more." >&2
	exit 1
fi
