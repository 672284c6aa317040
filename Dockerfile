# Cascade as a container image: `docker build -t cascade .`, then see docs/deploy.md.
# Two stages: the build (Rust, the wasm32 target, the pinned wasm-bindgen CLI, Debian's
# wasm-opt and brotli, as scripts/build.sh needs) and a small runtime with only the binary and
# the built front end.

FROM rust:1.95-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends binaryen brotli \
    && rm -rf /var/lib/apt/lists/* \
    && rustup target add wasm32-unknown-unknown
WORKDIR /src
# The CLI must match the wasm-bindgen crate exactly: Cargo.toml's `=` pin is the one source.
COPY Cargo.toml Cargo.lock ./
RUN cargo install --locked "wasm-bindgen-cli@$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)"
COPY . .
RUN scripts/build.sh release \
    && mkdir -p /out \
    && cp target/release/cascade /out/cascade \
    && cp -rL target/site /out/site

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin cascade
COPY --from=build /out/cascade /usr/local/bin/cascade
COPY --from=build /out/site /srv/cascade/site
ENV CASCADE_SITE_ROOT=/srv/cascade/site \
    CASCADE_ADDRESS=0.0.0.0:3000 \
    CASCADE_LOG_FORMAT=json
USER cascade
EXPOSE 3000
# SIGTERM: the server finishes the requests in flight (at most 8 s), then exits.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/cascade"]
CMD ["serve"]
