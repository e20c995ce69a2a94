#!/usr/bin/env bash
# Install what the browser tests need, on a fresh Debian machine (CI runs as root):
# Debian's Chromium (Playwright drives it through executable_path; no browser download), Debian's Java runtime
# for the W3C Nu Html Checker, Debian's Hunspell with its nb/nn/en dictionaries for the spelling gate, and
# axe-core, vnu-jar and Lighthouse from npm (pinned in package-lock.json, installed with no install scripts).
# Idempotent and quiet when done.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if ! command -v java >/dev/null 2>&1; then
  echo "Installing Debian's default-jre-headless for the W3C Nu Html Checker (vnu.jar)…"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi

# Hunspell and Debian's dictionaries for the spelling gate (tests/test_spelling.py): hunspell-no has nb_NO and
# nn_NO, hunspell-en-gb has en_GB. Checked per dictionary file, so a machine with hunspell but no dictionary gets it.
if ! command -v hunspell >/dev/null 2>&1 || [ ! -f /usr/share/hunspell/nb_NO.dic ] \
   || [ ! -f /usr/share/hunspell/nn_NO.dic ] || [ ! -f /usr/share/hunspell/en_GB.dic ]; then
  echo "Installing Debian's hunspell, hunspell-no and hunspell-en-gb for the spelling gate…"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq hunspell hunspell-no hunspell-en-gb >/dev/null
fi

if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] \
   || [ ! -x node_modules/.bin/lighthouse ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: install Node.js (Debian package nodejs + npm)" >&2
    exit 1
  fi
  # --ignore-scripts (also in .npmrc): vnu-jar's postinstall would download a Java runtime without a checksum.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
