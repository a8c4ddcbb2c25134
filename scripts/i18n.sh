#!/usr/bin/env bash
# Extracts the interface strings from review_ui (code and templates) and updates the kk, ru and en
# catalogs; then reports what is untranslated or fuzzy (msgfmt --statistics). Translate, then run again.
set -euo pipefail
cd "$(dirname "$0")/.."
locale=review_ui/locale
.venv/bin/pybabel extract -F babel.cfg -k N_ -k _ --no-location --sort-output -o "$locale/messages.pot" review_ui
for lang in kk ru en; do
    if [ -f "$locale/$lang/LC_MESSAGES/messages.po" ]; then
        .venv/bin/pybabel update --no-fuzzy-matching --ignore-obsolete -i "$locale/messages.pot" -d "$locale" -l "$lang"
    else
        .venv/bin/pybabel init -i "$locale/messages.pot" -d "$locale" -l "$lang"
    fi
    printf '%s: ' "$lang"
    msgfmt --statistics -o /dev/null "$locale/$lang/LC_MESSAGES/messages.po"
done
