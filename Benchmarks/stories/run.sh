#!/usr/bin/env bash
# Stories benchmark: how well `digest` groups the real week 2026-W34 (../shared/data/feeds) into
# events, against the labels read by hand in this folder (events.tsv, pairs.tsv; see
# LABELLING.md), beside the grouping digest used before (single link, whole text); then the
# composed W34 issue, each story with its reports' headlines, to check by eye.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
feeds="$repo/../shared/data/feeds/2026-W34"
[ -d "$feeds" ] || { echo "stories bench: $feeds not found (../shared beside the repository)" >&2; exit 1; }
source "$repo/Benchmarks/lib.sh"
digest="$(bench_digest "$repo")"
probe="$(bench_tool "$repo" stories-probe)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The issue as the theme composes it …
mkdir -p "$work/issue/Digests"
cp -r "$repo/Templates" "$repo/Subscribers" "$work/issue/"
"$digest" --root "$work/issue" collect "$feeds"/*/*.xml >/dev/null 2>"$work/collect.err" || true
# … and every labelled article grouped, sport and lifestyle included (the theme skips those topics).
mkdir -p "$work/all/Digests"
cp -r "$repo/Templates" "$repo/Subscribers" "$work/all/"
cp -r "$work/issue/Digests/articles" "$work/all/Digests/articles"
sed -i 's/^skip_topics:.*/skip_topics: []/' "$work/all/Templates/decoding-asia/theme.yaml"

"$probe" --root "$work/all" --week 2026-W34 --method single-link \
    --placement baseline --placements "$work/placed-before.jsonl" >"$work/before-single-link.jsonl"
"$probe" --root "$work/all" --week 2026-W34 --pairs "$work/evidence.tsv" \
    --placements "$work/placed.jsonl" >"$work/events.jsonl"
echo "Grouping the week into events (B3 = B-cubed over the labelled articles; pairs = the labelled pairs)"
python3 "$here/score.py" "$here/events.tsv" "$here/pairs.tsv" "$work/before-single-link.jsonl" "$work/events.jsonl"
echo
"$probe" --root "$work/issue" --week 2026-W34 --placement baseline \
    --placements "$work/theme-placed-before.jsonl" >/dev/null
"$probe" --root "$work/issue" --week 2026-W34 --placements "$work/theme-placed.jsonl" >/dev/null
echo "Placing articles in sections (sections.tsv; before = headline-weighted mentions, after = places in context)"
echo "All labelled articles, sport and lifestyle included:"
python3 "$here/score_sections.py" "$here/sections.tsv" "$work/placed-before.jsonl" "$work/placed.jsonl"
echo
echo "The articles the theme reads (its skip_topics, such as sport, left out before placing):"
python3 "$here/score_sections.py" --present-only "$here/sections.tsv" "$work/theme-placed-before.jsonl" \
    "$work/theme-placed.jsonl" | tail -n +2
echo
echo "Parameters by 4-fold cross-validation over the labelled events (tune.py)"
python3 "$here/tune.py" "$here/events.tsv" "$work/evidence.tsv"
echo

"$digest" --root "$work/issue" compose --week 2026-W34 >/dev/null
python3 "$here/issue.py" "$work/issue/Digests/decoding-asia/2026-W34/digest.json" "$work/issue/Digests/articles"
