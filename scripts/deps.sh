#!/usr/bin/env bash
# Installs the Debian packages (and npm modules) Repère needs to build, run and
# test. Idempotent: prints nothing and installs nothing when all are present.
# Uses sudo when not root. Called by `make run`, `make check`, `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(
  build-essential pkg-config clang libclang-rt-14-dev
  libsqlite3-dev sqlite3 libxml2-dev libzip-dev libpoppler-glib-dev poppler-utils
  libstemmer-dev libutf8proc-dev libmicrohttpd-dev libjansson-dev libcmocka-dev
  libtesseract-dev tesseract-ocr-fra img2pdf
  python3 python3-reportlab fonts-dejavu-core qpdf live-manual-odf live-manual-epub
  curl wrk valgrind chromium
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "deps: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Browser tests: playwright-core from the committed lock file.
if [ -f package-lock.json ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; }; then
  npm ci --silent --no-audit --no-fund >/dev/null
  touch node_modules
fi
