# Shared by the scripts in this folder. Source it; do not run it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

WASM_BINDGEN_VERSION="0.2.130"   # = the `wasm-bindgen` pin in app/Cargo.toml
TRUNK_VERSION="0.21.14"          # the newest trunk that builds with rustc 1.95
WASM_SPLIT_VERSION="0.2.4"       # wasm_split_cli_support (wasm-split-cli), for wasm_split_helpers =0.2.3 in app/Cargo.toml
MDBOOK_VERSION="0.5.4"           # the mdBook the mdbook-cloudhop preprocessor is built for (mdbook-preprocessor =0.5.4)
STAMP_DIR="$ROOT/target/setup"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Environment for WebAssembly builds. If the wasm32 target could not be downloaded with
# rustup, setup links Debian's rustc-web toolchain instead and records it here.
wasm_env() {
  if [ -f "$STAMP_DIR/debian-web" ]; then
    export RUSTUP_TOOLCHAIN=debian-web RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  fi
}

chromium_path() {
  for c in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    [ -n "$c" ] && [ -x "$c" ] && { echo "$c"; return 0; }
  done
  return 1
}
