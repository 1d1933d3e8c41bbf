# Daftar: `make run` opens the app on the demo province; `make test` runs every test.
# Both install what is missing first (scripts/setup.sh), so they work on a fresh machine.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
# WebKitGTK's DMA-BUF renderer fails on virtual displays (Xvfb) and some drivers.
export WEBKIT_DISABLE_DMABUF_RENDERER := 1

DEMO := demo/lorestan.daftar
XVFB := xvfb-run -a -s "-screen 0 1366x860x24"

.PHONY: run test setup build ui core app demo bindings fixtures lint test-core test-ui test-e2e bench clean
# The installable app (issue 16)
.PHONY: bundle test-bundle

run: setup build demo
	@if [ -n "$$DISPLAY" ] || [ -n "$$WAYLAND_DISPLAY" ]; then \
	  ./target/debug/daftar-app --file $(DEMO); \
	else \
	  echo "No display: running the app in a virtual display (Xvfb)."; \
	  $(XVFB) ./target/debug/daftar-app --file $(DEMO); \
	fi

test: setup build lint test-core test-ui test-e2e

setup:
	@./scripts/setup.sh

build: ui core app

# The shell embeds ui/dist at compile time, so the UI is built first.
ui:
	cd ui && npm run build --silent

core:
	cargo build --locked -p daftar

app: ui
	cargo build --locked -p daftar-app

demo: core
	./target/debug/daftar demo --force --out $(DEMO)

# Style is enforced: rustfmt (rustfmt.toml) and clippy with every warning an error.
lint:
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings

# Unit and integration tests of the core (including the stale-bindings check) and the shell.
test-core:
	cargo test --locked -p daftar -p daftar-app

test-ui:
	cd ui && npm run check --silent && npm test --silent

# The real app under Xvfb, driven by tauri-driver + WebKitWebDriver.
test-e2e: app
	$(XVFB) cargo test --locked -p daftar-e2e --test app -- --test-threads=1

# Speed figures (not a test): regional accounts intake and checks; evaluation results and intake.
# issue 15: benches build in a target dir of their own (<target>/bench): for a bench cargo links
# the CLI with the dev-dependencies' features unified in, which would replace the release CLI
# in target/; the linear bench measures the CLI that `cargo build --release` made.
TARGET = $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
BENCH = cargo bench --locked --target-dir $(TARGET)/bench -p daftar
bench:
	cargo build --locked --release -p daftar
	$(BENCH) --bench accounts --bench evaluation --bench reports --bench batches --bench backup --bench booklet
	# issue 15: intake against the plain readers, growth at ×1/×2/×4/×10
	DAFTAR_BENCH_CLI=$(TARGET)/release/daftar $(BENCH) --bench linear

# Regenerate ui/src/lib/bindings from the Rust types and ui/src/lib/commands.ts from the command list.
bindings:
	DAFTAR_WRITE_BINDINGS=1 cargo test --locked -p daftar --lib bindings
	DAFTAR_WRITE_BINDINGS=1 cargo test --locked -p daftar-app commands_ts

# Regenerate fixtures/*.xlsx from fixtures/src.
fixtures:
	cargo run --locked --example make_fixtures

# The installable app (issue 16): a .deb of release builds of the app and the CLI, made by
# Tauri's bundler (scripts/bundle.sh); `setup.sh --bundle` adds the Tauri CLI from npm.
bundle:
	@./scripts/setup.sh --bundle
	@$(MAKE) --no-print-directory ui
	./scripts/bundle.sh

# Unpacks the .deb and checks its files, desktop entry, file type and metadata; runs its CLI.
test-bundle: bundle
	./tests/bundle/check.sh
	./tests/bundle/must_fail.sh

clean:
	cargo clean
	rm -rf ui/dist demo

# The results booklet in a fresh process, and the app's memory and first screen on the demo
# (issue 15 goals 3 and 4; figures beside their goals, not tests).
bench-booklet:
	$(BENCH) --bench booklet
bench-app: ui demo
	cargo build --locked --release -p daftar-app
	DAFTAR_APP=$(TARGET)/release/daftar-app scripts/measure-app.sh
