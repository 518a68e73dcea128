# dli-portal: `make run` serves the portal on its embedded defaults, `make test` runs every test.
# Both first install whatever this machine is missing; every install step is skipped when done.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

CARGO_LEPTOS_VERSION := 0.3.10
SCHEMATHESIS_VERSION := 4.32.5
SCHEMATHESIS := .cache/schemathesis-$(SCHEMATHESIS_VERSION)/bin/schemathesis
# Apache Flink from PyPI for `make flink-demo` and `make flink-test` (end2end/flink reads it too).
export FLINK_VERSION := 2.3.0
# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y

.PHONY: run test bench page-weight soak soak-pg site api-fuzz flink-demo flink-test build-tools pg-tools browser-tools api-tools flink-tools

## Build the release site and serve it at http://127.0.0.1:3000 (SQLite under ./data, built-in DLI simulator).
run: build-tools site
	mkdir -p data
	LEPTOS_SITE_ROOT=target/site ./target/release/server

## Format, lint (ssr and hydrate builds), unit and integration tests, wasm check, the JSON API
## fuzzed and on a real Flink, browser tests.
test: build-tools pg-tools browser-tools api-tools flink-tools
	cargo fmt --all --check
	python3 .ci/import-cycles.py app/src dli/src server/src
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
	cargo test --workspace
	cargo check -p frontend --target wasm32-unknown-unknown
	$(MAKE) site
	$(MAKE) api-fuzz
	$(MAKE) flink-test
	cd end2end && npx playwright test

## The history query over 1,000,000 records on SQLite and PostgreSQL: prints p50 and p95.
## Then the page weight (below).
bench: pg-tools
	cargo bench -p server --bench history
	$(MAKE) page-weight

## What `/`, `/jobs` and a job's page weigh in Debian's chromium, from the release build: median
## bytes transferred, requests and time to hydrated over 5 loads with the cache off, a second
## visit with it on; then the wasm/JS/CSS sizes raw, gzip -9 and brotli -q 11. Prints figures only.
page-weight: build-tools browser-tools site
	cd end2end && npx playwright test -c bench/playwright.config.ts

## 1,000 creates through the JSON API under DLI faults, the portal killed -9 twice: prints what was
## lost, duplicated, unsettled, mis-answered or linked twice (all 0) and p50/p95/max to the final answer.
soak:
	SOAK_CREATES=$${SOAK_CREATES:-1000} cargo bench -p server --bench soak

## The same with 300 creates over two portals sharing one throwaway PostgreSQL, kills alternating
## between them; also prints the most poller leaders seen at once (1).
soak-pg: pg-tools
	SOAK_DATABASE=postgres SOAK_INSTANCES=2 SOAK_CREATES=$${SOAK_CREATES:-300} cargo bench -p server --bench soak

## schemathesis against the release portal's JSON API, from its generated OpenAPI document.
api-fuzz: api-tools
	end2end/api/fuzz.sh $(SCHEMATHESIS)

## A real Flink (JobManager and TaskManager), the simulator running jobs on it and a portal using
## that simulator, on free loopback ports; prints the portal's URL; Ctrl-C stops all of them.
flink-demo: build-tools flink-tools site
	python3 end2end/flink/demo.py

## The portal's JSON API against the simulator on one real Flink cluster, through the release
## binary (`make site` builds it); prints the figures it measured.
flink-test: flink-tools
	python3 end2end/flink/test.py

# Leptos' type-erased views (`--cfg erase_components`: one code path per kind of view instead of
# one per view) apply to cargo-leptos' own run: the server, which renders every view and shares
# that run's flags, and the job form's script, which has no view. The batch page's bundle, the
# only one with views, is smaller without them (docs/page-weight.md has the figures).
ERASED_VIEWS = --cfg erase_components

## The release build of the server binary and the site (wasm, JS, CSS) under target/site. The
## assets are named by content hash (listed in target/release/hash.txt and one hash-<bundle>.txt
## per other wasm bundle, which must travel with the binary) and precompressed: a .br (brotli 11) and a .gz (gzip -9) beside each, which the
## server sends.
site:
	RUSTFLAGS="$(ERASED_VIEWS)" cargo leptos build --release --precompress
# The history's, the job page's and the batch page's wasm are bundles of their own
# (app/src/wasm_bundle.rs), each built aside, since cargo-leptos first empties its site root;
# their scripts and wasm then join the first.
	for bundle in history job batch; do \
	  RUSTFLAGS="" LEPTOS_OUTPUT_NAME=dli-portal-$$bundle LEPTOS_SITE_ROOT=target/site-$$bundle LEPTOS_HASH_FILE_NAME=hash-$$bundle.txt \
	    cargo leptos build --release --precompress --frontend-only --lib-features $$bundle; \
	  cp target/site-$$bundle/pkg/dli-portal-$$bundle.*.{js,wasm}* target/site/pkg/; \
	done
# cargo-leptos' gzip (libflate) came out 17% larger than gzip -9 on the wasm; its brotli is 11.
	find target/site -name '*.gz' -exec sh -c 'gzip -9 -n -c "$${1%.gz}" > "$$1"' _ {} \;

build-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] || \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@cargo leptos --version 2>/dev/null | grep -q " $(CARGO_LEPTOS_VERSION)" || \
	  cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked --features no_downloads
	@[ -x node_modules/.bin/wasm-opt ] || npm ci --no-audit --no-fund

## Debian's PostgreSQL, for the store tests' and the benchmark's throwaway clusters.
pg-tools:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(APT_INSTALL) postgresql; }

## schemathesis from PyPI, in a virtual environment of its own.
api-tools:
	@[ -x $(SCHEMATHESIS) ] || { python3 -m venv .cache/schemathesis-$(SCHEMATHESIS_VERSION) && \
	  .cache/schemathesis-$(SCHEMATHESIS_VERSION)/bin/pip install -q schemathesis==$(SCHEMATHESIS_VERSION); }

## Apache Flink from PyPI into .cache/flink-$(FLINK_VERSION) (its scripts and jars only, no Python
## packages), and a JDK for Flink and for building the demo job.
flink-tools:
	@command -v javac >/dev/null || { $(APT_INSTALL) openjdk-17-jdk-headless; }
	@examples/flink-local/cluster.sh install .cache/flink-$(FLINK_VERSION) >/dev/null

## Debian's chromium, a Chinese font for it (the Chinese pages' screenshots) and nginx, and
## Playwright (which downloads no browser), for end2end.
browser-tools:
	@missing=""; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing="$$missing fonts-wqy-microhei"; \
	  [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	  [ -z "$$missing" ] || { $(APT_INSTALL) $$missing; }
	@[ -x end2end/node_modules/.bin/playwright ] || \
	  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
