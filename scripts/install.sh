#!/usr/bin/env bash
# Install reportgen and what it needs on a Debian-based machine.
#   scripts/install.sh          the tool (fonts for the PDF, then the Python package)
#   scripts/install.sh --test   also the test tools (poppler-utils, LibreOffice) and the package in editable mode
set -euo pipefail
cd "$(dirname "$0")/.."

test_mode=0
[ "${1:-}" = "--test" ] && test_mode=1

# Liberation Serif is the metric twin of Times New Roman used by the stylesheet; HarfBuzz-subset
# keeps WeasyPrint's font subsetting fast; poppler-utils and LibreOffice read outputs back in tests
# (its Python macros let the parity check lay Word files out: tests/lo_layout.py);
# Chromium and its driver let the tests use `reportgen serve` in a real (headless) browser.
# Fonts for every language built (templates/labels/*.yaml): Liberation covers Latin and Cyrillic
# (en, es, fr, ru), Amiri Arabic (ar), Noto CJK Chinese (zh); fontconfig (fc-list) tells the build
# whether an installed font covers the language it builds.
packages=(fonts-liberation2 fonts-hosny-amiri fonts-noto-cjk fontconfig libharfbuzz-subset0)
[ "$test_mode" = 1 ] && packages+=(poppler-utils libreoffice-writer-nogui libreoffice-script-provider-python chromium chromium-driver)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "warning: please install these Debian packages: ${missing[*]}" >&2
  fi
fi

if [ "$test_mode" = 1 ]; then
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore -e ".[test]"
else
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore .
fi

# pyenv only sees new console scripts (reportgen) after a rehash.
if command -v pyenv >/dev/null 2>&1; then pyenv rehash || true; fi
