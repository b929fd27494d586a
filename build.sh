#!/usr/bin/env bash
# Build, serve and test the Hebbian explorable.
#
#   ./build.sh build   compile the Rust core to wasm, bind it, shrink it → www/pkg/
#   ./build.sh serve   build, then serve the site (the repository root) on 127.0.0.1:$PORT
#   ./build.sh test    fmt, clippy (native + wasm), native tests, build, browser tests, page tests,
#                      engines (Firefox, WebKit), bench smoke
#   ./build.sh bench   native / wasm / plain-JS timings side by side → target/bench.json
#                      (--quick: smoke run; --load: wasm size, first frame, Lighthouse only)
#   ./build.sh soak    long soak and hostile-URL runs of every kind
#   ./build.sh engines the page-test subset in Firefox and WebKit (ENGINES=firefox|webkit: one alone)
#
# A fresh machine needs only cargo/rustup, node, npm and python3: everything else (the wasm
# target, wasm-bindgen-cli, npm dev tools, Chromium + chromedriver, firefox-esr, WebKitWebDriver
# + MiniBrowser, Xvfb) is installed on first use.
# Versions are pinned in Cargo.toml, package.json and WASM_BINDGEN_VERSION below.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$(pwd)"

WASM_BINDGEN_VERSION=0.2.130
TARGET=wasm32-unknown-unknown
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
FIREFOX=/usr/bin/firefox-esr
WEBKIT_DRIVER=/usr/bin/WebKitWebDriver
MINIBROWSER=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
# `cargo install` puts binaries here, which a fresh shell may not have on PATH.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- tools, installed on demand

ensure_rust() {
    command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
    if ! rustc --print target-libdir --target "$TARGET" >/dev/null 2>&1 \
        || [ ! -d "$(rustc --print target-libdir --target "$TARGET")" ]; then
        command -v rustup >/dev/null || die "the $TARGET target is missing and rustup is not available"
        say "adding the $TARGET target"
        rustup target add "$TARGET"
    fi
}

ensure_rust_components() {
    local missing=()
    cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
    cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
    if [ ${#missing[@]} -gt 0 ]; then
        command -v rustup >/dev/null || die "missing ${missing[*]} and rustup is not available"
        say "adding rustup components: ${missing[*]}"
        rustup component add "${missing[@]}"
    fi
}

ensure_wasm_bindgen() {
    # The CLI must match the wasm-bindgen crate exactly (Cargo.toml pins =$WASM_BINDGEN_VERSION).
    if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
        return
    fi
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (once; a few minutes)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked --force \
        || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
    [ "$(wasm-bindgen --version)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
        || die "wasm-bindgen on PATH is not $WASM_BINDGEN_VERSION: $(command -v wasm-bindgen)"
}

ensure_npm_deps() {
    # `npm ci` whenever node_modules was not installed from the current package.json + lock.
    command -v npm >/dev/null || die "npm not found"
    local stamp=node_modules/.build-sh.sha256 want
    want="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
        && [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] \
        && [ -f node_modules/axe-core/axe.min.js ] && [ -d node_modules/puppeteer-core ] \
        && [ -d node_modules/selenium-webdriver ]; then
        return
    fi
    say "npm ci (playwright-core, binaryen, axe-core, puppeteer-core, selenium-webdriver)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" >"$stamp"
}

# apt_install PACKAGE…: Debian packages, as root or through sudo (apt-get update first, once a run).
APT_UPDATED=""
apt_install() {
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "need root (or sudo) to apt-get install $*"
        sudo=(sudo)
    fi
    say "installing Debian's $*"
    [ -n "$APT_UPDATED" ] || "${sudo[@]}" apt-get update -qq
    APT_UPDATED=1
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

ensure_chromium() {
    if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
        return
    fi
    apt_install chromium chromium-driver
    if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
        die "chromium/chromedriver still missing after apt-get"
    fi
}

# Firefox and WebKit for the engines stage: Debian's firefox-esr (driven over WebDriver BiDi),
# webkit2gtk-driver (WebKitWebDriver + MiniBrowser) and xvfb (MiniBrowser needs a display).
ensure_engines() {
    local missing=()
    [ -x "$FIREFOX" ] || missing+=(firefox-esr)
    { [ -x "$WEBKIT_DRIVER" ] && [ -x "$MINIBROWSER" ]; } || missing+=(webkit2gtk-driver)
    command -v xvfb-run >/dev/null || missing+=(xvfb)
    [ ${#missing[@]} -eq 0 ] && return
    apt_install "${missing[@]}"
    [ -x "$FIREFOX" ] && [ -x "$WEBKIT_DRIVER" ] && [ -x "$MINIBROWSER" ] && command -v xvfb-run >/dev/null \
        || die "${missing[*]} still missing after apt-get"
}

ensure_hugo() {
    command -v hugo >/dev/null && return
    apt_install hugo
}

# ---------------------------------------------------------------- build

build() {
    ensure_rust
    ensure_wasm_bindgen
    ensure_npm_deps
    say "cargo build --release --target $TARGET"
    cargo build --release --target "$TARGET"
    say "wasm-bindgen → www/pkg"
    # __wbg_reset_state: after a trap the page swaps in a fresh instance of the module (a trap
    # under panic = "abort" leaves the shared one suspect; see www/widget/instance.js).
    wasm-bindgen --target web --experimental-reset-state-function --out-dir www/pkg \
        "$TARGET_DIR/$TARGET/release/hebb.wasm"
    # The pages' heads list every module and stylesheet they load (tools/preloads.mjs writes them);
    # checked after wasm-bindgen, whose www/pkg/hebb.js is in the import graph.
    node tools/preloads.mjs --check || die "the pages' load hints are stale: run node tools/preloads.mjs"
    say "www/pkg/widget.css (the picture stylesheets, one file)"
    node tools/preloads.mjs --css
    # npm's binaryen, never Debian's: binaryen 108 silently breaks wasm-bindgen 0.2.130 output.
    say "wasm-opt -Oz (binaryen from npm)"
    # The module's memory is its own (all zero at start) and Rust puts its stack first, growing
    # down toward 0, so the lowest 1 KB holds no data: binaryen may then fold more (~1 KB gzip).
    node_modules/.bin/wasm-opt -Oz --zero-filled-memory --low-memory-unused www/pkg/hebb_bg.wasm -o www/pkg/hebb_bg.wasm
    local raw gz
    raw=$(stat -c %s www/pkg/hebb_bg.wasm)
    gz=$(gzip -9c www/pkg/hebb_bg.wasm | wc -c)
    WASM_SIZE="$(((raw + 512) / 1024)) KB raw, $(((gz + 512) / 1024)) KB gzip"
    echo "www/pkg/hebb_bg.wasm: $WASM_SIZE"
}

serve() {
    build
    local port="${PORT:-8000}"
    say "serving $ROOT"
    echo "open  http://127.0.0.1:$port/            (the article)"
    echo "      http://127.0.0.1:$port/embed.html?kind=oja&seed=7   (one widget, as in an iframe)"
    # As a production static host would: gzip, revalidating cache headers, application/wasm.
    exec python3 tools/serve.py --port "$port" --root "$ROOT"
}

# ---------------------------------------------------------------- test

STAGES=()
WASM_SIZE=""
joined() {
    local out="" s
    for s in "${STAGES[@]}"; do out+="${out:+, }$s"; done
    echo "$out"
}
# A stage runs in the script's own shell, not inside `if` or `||`: bash ignores `set -e` inside
# functions called from a condition, so a failing `cargo build` would not stop `build` there.
# A failure exits the script; the EXIT trap names the stage and the times so far.
CURRENT=""
stage() {
    # stage NAME COMMAND…
    CURRENT="$1"
    shift
    say "$CURRENT"
    local t0
    t0=$(date +%s)
    "$@"
    STAGES+=("$CURRENT $(($(date +%s) - t0))s")
    CURRENT=""
}

on_exit() {
    local rc=$?
    stop_server
    if [ "$rc" -ne 0 ] && [ -n "$CURRENT" ]; then
        STAGES+=("$CURRENT FAILED")
        printf 'build.sh test: FAILED at "%s" after %ds (%s)\n' "$CURRENT" $(($(date +%s) - T_START)) "$(joined)" >&2
    fi
}

web_tests() {
    # wasm-bindgen-test in headless Chromium (runner configured in .cargo/config.toml). No -q:
    # the runner rejects --quiet. tests/web.rs reads target/determinism.txt, written by `cargo test`.
    [ -f tests/web.rs ] || { echo "tests/web.rs is missing: the browser test is part of the suite" >&2; return 1; }
    # The runner gives chromedriver 5 s to bind its port; a loaded CI machine can need more.
    CHROMEDRIVER="$CHROMEDRIVER" WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60 cargo test --target "$TARGET" --test web
}

SERVER_PID=""
stop_server() {
    if [ -n "$PROD_PID" ]; then
        kill "$PROD_PID" 2>/dev/null || true
        wait "$PROD_PID" 2>/dev/null || true
        PROD_PID=""
    fi
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}

# The example Hugo site (hugo/example) with the shortcode (hugo/layouts/shortcodes/hebb.html)
# and the built www/ as its static files, into target/hugo-site, served under /target/hugo-site/.
hugo_site() {
    ensure_hugo
    local src="$TARGET_DIR/hugo-src"
    rm -rf "$src" "$TARGET_DIR/hugo-site"
    mkdir -p "$src/layouts/shortcodes" "$src/static"
    cp -r hugo/example/. "$src/"
    cp hugo/layouts/shortcodes/hebb.html "$src/layouts/shortcodes/"
    cp -r www "$src/static/www"
    hugo --quiet --source "$src" --destination "$TARGET_DIR/hugo-site" --baseURL "/target/hugo-site/"
    grep -q '<hebb-widget' "$TARGET_DIR/hugo-site/index.html"
}

# launch NAME COMMAND…: runs a server that listens on a port the OS picks (port 0) and prints
# "Serving HTTP on … port N", as http.server and tools/serve.py do; sets LAUNCHED_PID, LAUNCHED_URL.
launch() {
    local name="$1" log port=""
    shift
    mkdir -p "$TARGET_DIR"
    log="$(mktemp "$TARGET_DIR/$name.XXXXXX.log")"
    "$@" >"$log" 2>&1 &
    LAUNCHED_PID=$!
    for _ in $(seq 100); do
        port=$(sed -n 's/^Serving HTTP on .* port \([0-9]*\).*/\1/p' "$log" | head -n1)
        [ -n "$port" ] && break
        kill -0 "$LAUNCHED_PID" 2>/dev/null || { cat "$log" >&2; return 1; }
        sleep 0.1
    done
    [ -n "$port" ] || { echo "$name did not start" >&2; return 1; }
    LAUNCHED_URL="http://127.0.0.1:$port"
}

# The repository root for the tests (python's http.server, unbuffered so it prints its port).
start_server() {
    launch page-server python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$ROOT"
    SERVER_PID=$LAUNCHED_PID
    BASE_URL=$LAUNCHED_URL
}

page_tests() {
    local files
    rm -rf "$TARGET_DIR/screenshots"
    start_server
    files=(tests/page/*.test.mjs)
    [ -e "${files[0]}" ] || { echo "no tests/page/*.test.mjs" >&2; return 1; }
    local rc=0
    BASE_URL="$BASE_URL" SCREENSHOT_DIR="$TARGET_DIR/screenshots" CHROMIUM="$CHROMIUM" \
        node --test "${files[@]}" || rc=$?
    stop_server
    echo "screenshots: $TARGET_DIR/screenshots/"
    return $rc
}

# A fast subset of the page tests in Firefox and WebKit (tests/engines/), with readouts compared
# bit for bit against Chromium's. ENGINES=firefox (or webkit) runs one engine alone.
engine_tests() {
    local rc=0
    ENGINES="${ENGINES:-firefox,webkit}" CHROMIUM="$CHROMIUM" FIREFOX="$FIREFOX" WEBKIT_DRIVER="$WEBKIT_DRIVER" \
        MINIBROWSER="$MINIBROWSER" node --test tests/engines/*.test.mjs || rc=$?
    return $rc
}

# The benchmark: native kernels (cargo bench), then wasm and a plain-JS reference on the same
# data in headless Chromium, frame times, size and first frame; one table, target/bench.json.
# `--quick` is the smoke run that `test` includes. Figures are printed, never asserted; only a
# numeric mismatch between native, wasm and JS fails it.
bench() {
    local quick=()
    [ "${1:-}" = "--quick" ] && quick=(--quick)
    [ "${1:-}" = "--load" ] && quick=(--load)
    [ "${quick[*]}" = "--load" ] || cargo bench --bench kernels -- "${quick[@]}"
    start_server
    local rc=0 lh=()
    if [ "${quick[*]}" != "--quick" ]; then
        ensure_lighthouse
        start_prod_server
        lh=(LIGHTHOUSE_URL="$PROD_URL")
    fi
    env "${lh[@]}" BASE_URL="$BASE_URL" CHROMIUM="$CHROMIUM" node bench/run.mjs "${quick[@]}" || rc=$?
    stop_server
    return $rc
}

# Lighthouse lives in bench/lighthouse/ with its own lock file, so the tests' `npm ci` stays small.
ensure_lighthouse() {
    [ -x bench/lighthouse/node_modules/.bin/lighthouse ] && return
    say "npm ci in bench/lighthouse (Lighthouse 12.2.3, once)"
    npm ci --prefix bench/lighthouse --no-audit --no-fund
}

# tools/serve.py on a port the OS picks (for Lighthouse, which scores compression and caching).
PROD_PID=""
start_prod_server() {
    launch prod-server python3 -u tools/serve.py --port 0 --root "$ROOT"
    PROD_PID=$LAUNCHED_PID
    PROD_URL=$LAUNCHED_URL
}

# Long robustness runs: every kind soaked for SOAK_FRAMES frames and HOSTILE_PER_KIND random
# hostile URLs per kind (short versions of both are part of `test`).
soak() {
    start_server
    local rc=0
    BASE_URL="$BASE_URL" CHROMIUM="$CHROMIUM" SOAK_FRAMES="${SOAK_FRAMES:-100000}" HOSTILE_PER_KIND="${HOSTILE_PER_KIND:-200}" \
        node --test tests/page/soak.test.mjs tests/page/security.test.mjs || rc=$?
    stop_server
    return $rc
}

run_tests() {
    T_START=$(date +%s)
    trap on_exit EXIT
    ensure_rust
    ensure_rust_components
    ensure_chromium
    ensure_engines
    stage "cargo fmt --check" cargo fmt --check
    stage "clippy (native)" cargo clippy --all-targets -- -D warnings
    stage "clippy (wasm web layer)" cargo clippy --target "$TARGET" --lib -- -D warnings
    stage "cargo test (native)" cargo test
    stage "build" build
    stage "wasm-bindgen-test (headless Chromium)" web_tests
    stage "Hugo example site" hugo_site
    stage "page tests (Playwright)" page_tests
    stage "engines (Firefox, WebKit)" engine_tests
    stage "bench smoke (--quick)" bench --quick
    printf 'build.sh test: all %d stages passed in %ds (%s; wasm %s)\n' ${#STAGES[@]} $(($(date +%s) - T_START)) \
        "$(joined)" "$WASM_SIZE"
}

case "${1:-}" in
build) build ;;
serve) serve ;;
test) run_tests ;;
bench)
    trap stop_server EXIT
    ensure_chromium
    build
    bench "${2:-}"
    ;;
engines)
    ensure_chromium
    ensure_engines
    build
    engine_tests
    ;;
soak)
    trap stop_server EXIT
    ensure_chromium
    build
    soak
    ;;
*)
    cat >&2 <<EOF
usage: ./build.sh build|serve|test|bench|soak|engines
  build   compile to wasm, bind and shrink it into www/pkg/
  serve   build, then serve the site at http://127.0.0.1:\${PORT:-8000}/
  test    fmt, clippy, native tests, build, wasm browser tests, page tests, engines, bench smoke
  bench   native, wasm and plain-JS timings side by side; target/bench.json
  soak    long soak of every kind and 200 hostile URLs per kind (SOAK_FRAMES, HOSTILE_PER_KIND)
  engines the page-test subset in Firefox and WebKit against Chromium (ENGINES=firefox or webkit: one alone)
EOF
    exit 2
    ;;
esac
