# Shared set-up for scripts/serve, scripts/test and scripts/bench. Every step says what it
# does, installs what is missing and skips what is there. Only the package registries are
# used (crates.io, npm, Debian).
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14" # newer Trunk needs a newer rustc than this machine's 1.95
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }

# The wasm-bindgen version the lock file pins; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_target() {
  step "Rust target wasm32-unknown-unknown"
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    info "present"
  else
    info "installing (rustup target add)"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  step "Trunk $TRUNK_VERSION"
  if command -v trunk >/dev/null && trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    info "present: $(trunk --version)"
  else
    info "installing from crates.io (about 11 minutes on 2 cores)"
    cargo install "trunk@$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  step "wasm-bindgen-cli $want (must equal Cargo.lock)"
  if command -v wasm-bindgen >/dev/null && wasm-bindgen --version | grep -q " $want\$" \
     && command -v wasm-bindgen-test-runner >/dev/null; then
    info "present: $(wasm-bindgen --version)"
  else
    # Without --locked: its own lock file names a crate version the registry does not serve.
    info "installing from crates.io (about 5 minutes)"
    cargo install wasm-bindgen-cli --version "=$want" --force
  fi
}

ensure_npm_deps() {
  step "npm dev tools (playwright-core, binaryen's wasm-opt, mermaid) from package-lock.json"
  if [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/mermaid ] \
     && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    info "present: wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}')"
  else
    info "installing (npm ci)"
    npm ci --no-audit --no-fund
  fi
}

# Installs Debian packages, refreshing the package lists first (a fresh machine has none).
apt_install() {
  info "installing (apt-get install $*)"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

ensure_chromium() {
  step "Chromium and ChromeDriver (Debian packages)"
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    info "present: $(/usr/bin/chromium --version 2>/dev/null)"
  else
    apt_install chromium chromium-driver
  fi
  export CHROMIUM_PATH=/usr/bin/chromium
  export CHROMEDRIVER=/usr/bin/chromedriver
}

# Graphviz's dot, so the export tests can check that DOT output really parses.
ensure_graphviz() {
  step "Graphviz (Debian package graphviz)"
  if [ -x /usr/bin/dot ]; then
    info "present: $(/usr/bin/dot -V 2>&1)"
  else
    apt_install graphviz
  fi
}

ensure_poppler() {
  step "Poppler (Debian package poppler-utils: pdfinfo, pdftotext, to read printed PDFs)"
  if [ -x /usr/bin/pdftotext ] && [ -x /usr/bin/pdfinfo ]; then
    info "present: $(/usr/bin/pdfinfo -v 2>&1 | head -1)"
  else
    apt_install poppler-utils
  fi
}

ensure_fetched() {
  step "Rust dependencies (cargo fetch)"
  cargo fetch --quiet
  info "done"
}

# Release build of the app into dist/ (wasm-opt included). Offline: Trunk must not try to
# download tools.
build_release() {
  step "Release build (trunk build --release --offline)"
  trunk build --release --offline
}

# Gzip size of everything the browser downloads to start the app, in bytes.
download_weight() {
  local total=0 f n
  for f in dist/*.wasm dist/*.js dist/*.css dist/*.html; do
    [ -e "$f" ] || continue
    n=$(gzip -9 -c "$f" | wc -c)
    total=$((total + n))
  done
  echo "$total"
}
