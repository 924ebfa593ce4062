#!/usr/bin/env bash
# Bench-only dependencies: pandoc and LibreOffice (Writer) for the comparison route
# pandoc -> DOCX -> LibreOffice -> PDF in bench/run.py. The tool itself needs neither.
set -euo pipefail
packages=(pandoc libreoffice-writer-nogui)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "please install: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
pandoc --version | head -1
soffice --version
