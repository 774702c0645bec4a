#!/usr/bin/env bash
# Copy the project's own data into the fuzz corpora, as seeds. The corpora are generated
# (fuzz/corpus is ignored by git); run this before fuzzing. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
root=..

mkdir -p corpus/dataset corpus/render corpus/ballots corpus/forms corpus/rctab corpus/blt corpus/rctab_config

# rctab_config: the configurations of the invalid corpus.
cp "$root"/tests/data/invalid/11[0-6]-*.json corpus/rctab_config/

# dataset: the files as they are.
cp "$root"/assets/*.json "$root"/tests/data/invalid/*.json corpus/dataset/

# render: 6 header bytes (view, size, size, step, theme, beat: see fuzz_targets/render.rs)
# before the JSON.
headers=(
    '\x00\x00\x00\x03\x00\x00' # Count, 80x24, last
    '\x01\x01\x00\x02\x01\x00' # Shares, 40x12, 1.5, light
    '\x02\x02\x00\x01\x80\x00' # Elections, 200x60, 1, mono, among the London contests
    '\x03\x04\x00\x03\x00\x00' # Areas, 120x40, last
    '\x04\x03\x00\x00\x00\x00' # Help, 13x5, 0
    '\x05\x00\x00\x03\x00\x05' # presenter, 80x24, beat 5
)
# Each valid file is seeded once per view and presenter mode at varied sizes, steps and
# themes, so every screen is reached from the start; each invalid file (they do not load, but
# are a mutation or two from loading) once, with the headers in turn.
for f in "$root"/assets/*.json; do
    name=$(basename "$f" .json)
    for k in "${!headers[@]}"; do
        { printf "${headers[$k]}"; cat "$f"; } >"corpus/render/$name-$k"
    done
done
k=0
for f in "$root"/tests/data/invalid/*.json; do
    { printf "${headers[$k]}"; cat "$f"; } >"corpus/render/$(basename "$f" .json)"
    k=$(((k + 1) % ${#headers[@]}))
done

# ballots: the example ballot files, the test ballot files, the Forms exports and the bad
# ballots files.
cp "$root"/assets/examples/* "$root"/tests/data/ballots/* "$root"/tests/data/forms/* corpus/ballots/
for f in "$root"/tests/data/invalid-ballots/*; do
    case "$f" in *.expected) ;; *) cp "$f" corpus/ballots/ ;; esac
done

# forms: a selector byte (header, separator, BOM, CRLF: see fuzz_targets/forms.rs), then the
# responses of a Forms export without its own header.
forms() { # selector, file, name
    { printf "$1"; tail -n +2 "$2"; } >"corpus/forms/$3"
}
forms '\x00' "$root"/tests/data/forms/trip-google-ranks.csv google-ranks
forms '\x61' "$root"/tests/data/forms/trip-google-options.csv google-options-bom-crlf
forms '\x02' "$root"/tests/data/forms/trip-google-options.csv numbered
forms '\x03' "$root"/tests/data/forms/trip-google-options.csv two-grids
forms '\x44' "$root"/tests/data/forms/trip-microsoft.csv microsoft-crlf
forms '\x05' "$root"/tests/data/forms/trip-microsoft.csv microsoft-two-columns
forms '\x06' "$root"/tests/data/forms/trip-google-ranks.csv quoted-header
forms '\x0f' "$root"/tests/data/invalid-ballots/08-google-bad-cells.csv french-semicolons
forms '\x14' "$root"/tests/data/forms/trip-tabs.txt microsoft-tabs

# rctab: the published counts written for the tests, and the malformed ones.
cp "$root"/tests/data/published/*.json corpus/rctab/
for f in "$root"/tests/data/invalid/7[5-9]-*.json "$root"/tests/data/invalid/8[0-9]-*.json; do
    cp "$f" corpus/rctab/
done

# blt: the malformed BLT files (the dialects' seeds are in seeds/blt, passed as a second corpus).
cp "$root"/tests/data/invalid/*.blt corpus/blt/

echo "seeded: $(ls corpus/dataset | wc -l) dataset, $(ls corpus/render | wc -l) render, $(ls corpus/ballots | wc -l) ballots, $(ls corpus/forms | wc -l) forms, $(ls corpus/rctab | wc -l) rctab, $(ls corpus/blt | wc -l) blt"
