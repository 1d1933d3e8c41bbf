# Daftar: `make run` opens the app on the demo province; `make test` runs every test.
# Both install what is missing first (scripts/setup.sh), so they work on a fresh machine.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
# WebKitGTK's DMA-BUF renderer fails on virtual displays (Xvfb) and some drivers.
export WEBKIT_DISABLE_DMABUF_RENDERER := 1

DEMO := demo/lorestan.daftar
XVFB := xvfb-run -a -s "-screen 0 1366x860x24"

.PHONY: run test setup build ui core app demo bindings fixtures lint test-core test-ui test-e2e bench clean

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
bench:
	cargo bench --locked -p daftar --bench accounts --bench evaluation --bench reports --bench backup

# Regenerate ui/src/lib/bindings from the Rust types and ui/src/lib/commands.ts from the command list.
bindings:
	DAFTAR_WRITE_BINDINGS=1 cargo test --locked -p daftar --lib bindings
	DAFTAR_WRITE_BINDINGS=1 cargo test --locked -p daftar-app commands_ts

# Regenerate fixtures/*.xlsx from fixtures/src.
fixtures:
	cargo run --locked --example make_fixtures

clean:
	cargo clean
	rm -rf ui/dist demo
