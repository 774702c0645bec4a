#!/usr/bin/env bash
# Check tally's RCTab export (`tally rounds X --format rctab`) with rcvformats, the validator
# RCVis runs on every upload (docs/rctab-export.md). Opt-in: it needs Python 3 and PyPI.
#
# usage: scripts/check-rcvformats.sh [CONTEST...]
#
# Installs rcvformats in a virtual environment in a temporary folder (removed on exit), then
# validates the export of: every embedded contest; each example ballots file counted under
# each system; the CONTESTs named (embedded ids or files); and, when ../shared/interop is
# there, every results file in it that tally opens (the others are listed as skipped).
# TALLY names the binary to check as it is; by default target/debug/tally, first brought up
# to date with `cargo build` so an old build is never checked. Exits 1 naming
# every document rcvformats refuses, with its reason.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${TALLY:-}" ]; then
    tally="$TALLY"
    echo "checking $tally as it is (TALLY is set: not rebuilt)" >&2
else
    tally=target/debug/tally
    cargo build --quiet
fi
# Pinned: the version this check was written against (its schema and logic checks).
rcvformats_version="${RCVFORMATS_VERSION:-0.0.46}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "rcvformats==$rcvformats_version"

mkdir "$work/out"
n=0
export_one() { # label, then tally's arguments
    local label="$1"
    shift
    n=$((n + 1))
    local file="$work/out/$n.json"
    if "$tally" "$@" --format rctab --output "$file" 2>"$work/err"; then
        printf '%s\t%s\n' "$file" "$label" >>"$work/list"
    else
        printf 'FAIL %s: tally could not export it: %s\n' "$label" "$(head -c 300 "$work/err")"
        printf 'tally\t%s\n' "$label" >>"$work/failed"
    fi
}

: >"$work/list"
: >"$work/failed"
for id in $("$tally" list --format csv | tail -n +2 | cut -d, -f1); do
    export_one "$id" rounds "$id"
done
for ballots in assets/examples/*.csv; do
    for system in sv irv fptp; do
        # `tally ballots` has no --output: its standard output is the document.
        n=$((n + 1))
        file="$work/out/$n.json"
        if "$tally" ballots "$ballots" --system "$system" --format rctab >"$file" 2>"$work/err"; then
            printf '%s\t%s\n' "$file" "$ballots --system $system" >>"$work/list"
        else
            printf 'FAIL %s --system %s: %s\n' "$ballots" "$system" "$(head -c 300 "$work/err")"
            printf 'tally\t%s\n' "$ballots" >>"$work/failed"
        fi
    done
done
for contest in "$@"; do
    export_one "$contest" rounds "$contest"
done
if [ -d ../shared/interop ]; then
    for f in ../shared/interop/*/*.json; do
        case "$(basename "$f")" in expected.json | *config*.json) continue ;; esac
        # Only results documents (RCTab, UT, OpaVote); cast vote records and bad files are
        # other checks' business.
        n=$((n + 1))
        file="$work/out/$n.json"
        if "$tally" rounds "$f" --format rctab --output "$file" 2>/dev/null; then
            printf '%s\t%s\n' "$file" "$f" >>"$work/list"
        else
            printf 'skipped %s: tally does not open it\n' "$f"
        fi
    done
fi

"$work/venv/bin/python" - "$work/list" <<'EOF'
import sys
from rcvformats.schemas.universaltabulator import SchemaV0

bad = 0
with open(sys.argv[1], encoding="utf-8") as listing:
    for line in listing:
        path, label = line.rstrip("\n").split("\t", 1)
        schema = SchemaV0()
        if schema.validate(path):
            print(f"ok   {label}")
        else:
            bad += 1
            print(f"FAIL {label}: {schema.last_error()}")
print(f"rcvformats: {bad} refused")
sys.exit(1 if bad else 0)
EOF
if [ -s "$work/failed" ]; then
    echo "tally failed to export $(wc -l <"$work/failed") of them"
    exit 1
fi
