#!/usr/bin/env bash
# Extraction benchmark: `digest extract --batch` against trafilatura (the peer) on the 100 pages
# of ../shared/data/extraction (scrapinghub article-extraction-benchmark), scored in the same run
# with score_extraction.py: F1 / precision / recall, empty outputs, time per page, and the ratio.
#
#   Benchmarks/extract/run.sh
#   DIFF=1 Benchmarks/extract/run.sh         # also show what each page missed or added
#   FOLDS=10 Benchmarks/extract/run.sh       # per-fold F1 over 10 folds instead of 5
#
# A change to the extractor is kept only when it lowers F1 on no fold: save the outputs of the
# version before and after, then `Benchmarks/extract/cv.py GROUND_TRUTH before.jsonl after.jsonl --gate`.
#
# Environment: SHARED (default: ../shared beside the repository), DIGEST (a prebuilt binary;
# default: `swift build -c release --product digest`), ROUNDS (timed runs of each, 3), DIFF, FOLDS. Page text is read at run time and
# written only to a scratch folder under .build/, never into the repository.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${SHARED:-$(cd "$root/.." && pwd)/shared}
data=$shared/data/extraction
bench=$shared/bench
work=$root/.build/bench-extract
mkdir -p "$work"

[ -d "$data/html" ] || { echo "run.sh: no dataset folder at $data (set SHARED)" >&2; exit 1; }

source "$here/../lib.sh"
# trafilatura needs lxml's HTML cleaner, a separate package since lxml 5.2.
python=$(bench_python "$root/.venv-bench" trafilatura trafilatura lxml_html_clean)
DIGEST=$(bench_digest "$root")

# Both extractors read the same gzip-compressed pages on one core each, taking turns ROUNDS times
# (default 3) so that a busy moment on a shared machine hits both; the best time of each counts.
rounds=${ROUNDS:-3}
ours_ms=""
peer_ms=""
best() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b + 0 < a + 0) print b; else print a }'; }
for _ in $(seq "$rounds"); do
    ours_log=$("$DIGEST" --root "$work" extract --batch "$data/html" --output "$work/ours.jsonl" 2>&1 >/dev/null | tail -1)
    peer_log=$("$python" "$bench/peer_extract.py" "$data/html" "$work/trafilatura.jsonl" | tail -1)
    ours_ms=$(best "$ours_ms" "$(sed -n 's/.*(\([0-9.]*\) ms\/page).*/\1/p' <<<"$ours_log")")
    peer_ms=$(best "$peer_ms" "$(sed -n 's/.*(\([0-9.]*\) ms\/page).*/\1/p' <<<"$peer_log")")
done

diff_flag=()
[ -n "${DIFF:-}" ] && diff_flag=(--diff)
scores=$("$python" "$bench/score_extraction.py" "$data/ground-truth.json" "$work/ours.jsonl" "$work/trafilatura.jsonl" \
    "${diff_flag[@]}")
echo "$scores"
echo
# The same outputs per fold (5 folds by a hash of the page id): the spread says whether a figure
# holds across pages or rests on a few of them.
"$python" "$here/cv.py" "$data/ground-truth.json" "$work/ours.jsonl" "$work/trafilatura.jsonl" \
    --score "$bench/score_extraction.py" --folds "${FOLDS:-5}" --names digest,trafilatura
echo
printf '%-14s %10s   (best of %s alternating runs)\n' "system" "ms/page" "$rounds"
printf '%-14s %10s\n' "digest" "$ours_ms"
printf '%-14s %10s\n' "trafilatura" "$peer_ms"
awk -v o="$ours_ms" -v p="$peer_ms" 'BEGIN { if (o > 0) printf "digest is %.1fx faster per page than trafilatura (same pages, same run)\n", p / o }'
