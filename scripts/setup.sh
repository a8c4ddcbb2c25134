#!/usr/bin/env bash
# Installs what Muragat needs on a fresh Debian machine: Tesseract with Kazakh and Russian, redis-server,
# fonts, and a virtual environment (.venv) with the project. Safe to run again; it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng redis-server fonts-dejavu-core
          fonts-liberation2 fonts-freefont-ttf fonts-paratype fonts-linuxlibertine)  # fonts besides DejaVu: benchmarks/make_set.py
# for the test command: msgfmt checks the catalogs; browser tests drive Debian's chromium
if [ "${1:-}" = "--test" ]; then packages+=(gettext chromium); fi
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
missing=()
for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Muragat needs Python 3.11 or newer" >&2; exit 1; }
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
.venv/bin/python -c "import muragat, ocr, storage" || { echo "the virtual environment is incomplete" >&2; exit 1; }
