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
# The front end is target/site*/pkg: cascade.js + cascade_bg.wasm (the islands), cascade.css
# and navigation.js, each also pre-compressed (.br, .gz) for the server to send as is.
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
# Each build goes into a folder of its own; `pkg` is a link switched to it in one rename, so a
# running server never serves half of one build and half of another.
build="pkg-$(date +%s%N)"
mkdir -p "$site/$build"
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
wasm-bindgen --target web --no-typescript --out-dir "$site/$build" --out-name cascade "$wasm"
cp style/main.css "$site/$build/cascade.css"
cp frontend/navigation.js "$site/$build/navigation.js"
for file in "$site/$build"/*.js "$site/$build"/*.wasm "$site/$build"/*.css; do
	if command -v brotli >/dev/null 2>&1; then brotli --force --best --output="$file.br" "$file"; fi
	gzip --force --best --keep "$file"
done
# Content-addressed: the files go in a folder named by their hash, so the server can let
# browsers keep them for a year (Cache-Control: immutable) and a new build is a new address.
version=$(cd "$site/$build" && cat $(ls | sort) | sha256sum | cut -c1-16)
mkdir "$site/$build/$version"
find "$site/$build" -maxdepth 1 -type f -exec mv {} "$site/$build/$version/" \;
echo "$version" >"$site/$build/version"
if [ -d "$pkg" ] && [ ! -L "$pkg" ]; then rm -rf "$pkg"; fi
ln -sfn "$build" "$site/pkg.next"
mv -T "$site/pkg.next" "$pkg"
# Pages load /pkg/… through the link, so no earlier build can be served again: remove them.
ls -1d "$site"/pkg-* 2>/dev/null | sort | head -n -1 | xargs -r rm -rf
echo "Built $mode: $pkg/$version"
