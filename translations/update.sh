#!/usr/bin/env bash
# Updates every .ts file from the UI sources (new strings arrive unfinished; the
# translations test then fails until they are translated).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lupdate="${LUPDATE:-/usr/lib/qt6/bin/lupdate}"
cd "$root"
for lang in de fr es ja zh_CN; do
  "$lupdate" -silent -no-obsolete -locations none -target-language "$lang" ui app/gui \
    -ts "translations/kinora_$lang.ts"
done
# English: only the plural forms of the %n messages ("1 shot").
"$lupdate" -silent -no-obsolete -locations none -pluralonly -target-language en ui app/gui \
  -ts "translations/kinora_en.ts"
