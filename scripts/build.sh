#!/usr/bin/env bash
# Builds Cascade with plain cargo, the wasm-bindgen CLI and wasm-opt (no cargo-leptos needed):
#
#   scripts/build.sh release   target/release/cascade, and the size-tuned front end in target/site
#   scripts/build.sh dev       target/debug/cascade, and a debug front end (with Leptos's hydration
#                              checks) in target/site-dev
#   scripts/build.sh frontend-dev   the debug front end only (`make test` has `cargo test` build
#                              the binary, so that it shares the tests' compiled dependencies)
#   scripts/build.sh frontend-release   the size-tuned front end only (`make test` checks the
#                              islands as released too)
#
# The front end is target/site*/pkg/{hash}: cascade.js + cascade_bg.wasm (the islands),
# cascade.css and navigation.js, each also pre-compressed (.br, .gz) for the server to send as
# is; target/site*/pkg/version names the newest build.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-release}

case "$mode" in
release | frontend-release)
	site=target/site optimise=yes
	if [ "$mode" = release ]; then cargo build --release --package server --bin cascade; fi
	cargo build --package frontend --lib --target wasm32-unknown-unknown --profile wasm-release
	wasm=target/wasm32-unknown-unknown/wasm-release/frontend.wasm
	;;
dev | frontend-dev)
	site=target/site-dev optimise=no
	if [ "$mode" = dev ]; then cargo build --package server --bin cascade; fi
	cargo build --package frontend --lib --target wasm32-unknown-unknown
	wasm=target/wasm32-unknown-unknown/debug/frontend.wasm
	;;
*)
	echo "usage: scripts/build.sh release|dev|frontend-dev|frontend-release" >&2
	exit 2
	;;
esac

pkg="$site/pkg"
# Each build is made in a folder of its own, then moved whole to pkg/{hash}, named by the hash
# of its files: a changed file has a new address, so the server lets browsers keep them for a
# year (Cache-Control: immutable), and a running server never serves half of one build.
staging="$site/staging-$(date +%s%N)"
mkdir -p "$staging"
if [ "$optimise" = yes ]; then
	# Optimise rustc's output before wasm-bindgen, not after: run on wasm-bindgen's output (two
	# tables), Debian's wasm-opt 108 points the `__wbindgen_externrefs` export at the wrong
	# table, and the page's WebAssembly then fails to start ("failed to grow table").
	# -Os, not -Oz: since the coach browser island, -Oz's output makes wasm-bindgen 0.2.117
	# fail ("failed to find `0` in function table"); -Os costs a few KB more.
	wasm-opt -Os --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
		--enable-mutable-globals --enable-reference-types --enable-multivalue \
		-o "${wasm%.wasm}.opt.wasm" "$wasm"
	wasm="${wasm%.wasm}.opt.wasm"
fi
wasm-bindgen --target web --no-typescript --out-dir "$staging" --out-name cascade "$wasm"
cp style/main.css "$staging/cascade.css"
cp frontend/navigation.js "$staging/navigation.js"
# The files as built, before their compressed copies: the same sources give the same hash on
# every machine, so servers built apart agree on the address.
version=$(cd "$staging" && cat $(ls | sort) | sha256sum | cut -c1-16)
for file in "$staging"/*.js "$staging"/*.wasm "$staging"/*.css; do
	if command -v brotli >/dev/null 2>&1; then brotli --force --best --output="$file.br" "$file"; fi
	# -n: no name or time in the file.
	gzip --force --best --keep --no-name "$file"
done
# Before hashing, pkg was a link to a build's folder.
if [ -L "$pkg" ]; then
	rm -f "$pkg"
	rm -rf "$site"/pkg-*
fi
mkdir -p "$pkg"
if [ -d "$pkg/$version" ]; then
	rm -rf "$staging"
	touch "$pkg/$version"
else
	mv -T "$staging" "$pkg/$version"
fi
# Servers started from now on use this build; ones already running keep theirs, and so do pages
# already open, so the last three builds stay.
echo "$version" >"$pkg/version.next"
mv -f "$pkg/version.next" "$pkg/version"
ls -1dt "$pkg"/*/ | tail -n +4 | xargs -r rm -rf
echo "Built $mode: $pkg/$version"
