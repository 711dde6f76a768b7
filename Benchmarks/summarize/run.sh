#!/usr/bin/env bash
# Summarizer benchmark: ROUGE of every `digest summarize --algorithm` against lead-3 and summa's
# TextRank (the peer) on the dev files in ../shared/data/summarization, and speed against the
# peer on the same articles in the same run.
#
#   Benchmarks/summarize/run.sh            # all three dev files, every algorithm
#   FILES="cnn-val-dev" ALGORITHMS="pacsum lead" BOOT=0 Benchmarks/summarize/run.sh
#
# Environment: FILES (dataset names), ALGORITHMS, SENTENCES (3), BOOT (bootstrap resamples for
# score_rouge.py, 1000), REPEAT (timed runs of each system, the fastest counts: 3), SHARED
# (default: ../shared beside the repository), DIGEST (a prebuilt binary; default:
# `swift build -c release --product digest`). Dataset text is read at run time
# and written only to a scratch folder under .build/, never into the repository.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${SHARED:-$(cd "$root/.." && pwd)/shared}
data=$shared/data/summarization
bench=$shared/bench
files=${FILES:-"cnndm-test-dev cnn-val-dev bbc-dev"}
algorithms=${ALGORITHMS:-"pacsum lead centroid lexrank textrank"}
sentences=${SENTENCES:-3}
boot=${BOOT:-1000}
repeat=${REPEAT:-3}
work=$root/.build/bench-summarize
mkdir -p "$work"

[ -d "$data" ] || { echo "run.sh: no dataset folder at $data (set SHARED)" >&2; exit 1; }

source "$here/../lib.sh"
python=$(bench_python "$root/.venv-bench" "rouge_score, numpy, summa" rouge-score numpy summa nltk)
DIGEST=$(bench_digest "$root")
cores=$(nproc)

# "... in 1.234 s (0.567 ms/article, 1 thread)" -> 0.567, the fastest of the runs logged.
ms_per_article() { sed -n 's/.*(\([0-9.]*\) ms\/article.*/\1/p' "$1" | sort -g | head -1; }

table=$work/table.txt
: > "$table"
for file in $files; do
    refs=$data/$file.jsonl
    input=$work/$file.input.jsonl
    "$python" "$here/prepare_input.py" "$refs" "$input"
    count=$(wc -l < "$input")
    echo "== $file ($count articles, $sentences sentences)" >&2

    systems=()
    for algorithm in $algorithms; do
        out=$work/$file.$algorithm.jsonl
        # Shared machines are noisy: time each system $repeat times and keep the fastest run.
        : > "$work/$file.$algorithm.log"
        for _ in $(seq "$repeat"); do
            "$DIGEST" summarize --batch "$input" --output "$out" --sentences "$sentences" --algorithm "$algorithm" \
                --jobs 1 2>> "$work/$file.$algorithm.log"
        done
        systems+=("$out")
    done
    # The default algorithm again on every core: batch throughput.
    : > "$work/$file.parallel.log"
    for _ in $(seq "$repeat"); do
        "$DIGEST" summarize --batch "$input" --output "$work/$file.parallel.jsonl" --sentences "$sentences" \
            2>> "$work/$file.parallel.log"
    done
    "$python" "$bench/peer_summarize.py" --system lead --k "$sentences" "$input" "$work/$file.peer-lead3.jsonl" \
        > "$work/$file.peer-lead3.log"
    : > "$work/$file.peer-textrank.log"
    for _ in $(seq "$repeat"); do
        "$python" "$bench/peer_summarize.py" --system summa_textrank --k "$sentences" "$input" \
            "$work/$file.peer-textrank.jsonl" >> "$work/$file.peer-textrank.log"
    done
    systems+=("$work/$file.peer-lead3.jsonl" "$work/$file.peer-textrank.jsonl")

    "$python" "$bench/score_rouge.py" "$refs" "${systems[@]}" --boot "$boot" \
        --metrics rouge1,rouge2,rougeLsum --json "$work/$file.scores.json" | tee "$work/$file.scores.txt"

    peer_ms=$(ms_per_article "$work/$file.peer-textrank.log")
    parallel_ms=$(ms_per_article "$work/$file.parallel.log")
    "$python" - "$work/$file.scores.json" "$file" "$peer_ms" "$parallel_ms" "$cores" "$count" \
        "$work" $algorithms >> "$table" <<'PY'
import json, sys
scores_path, name, peer_ms, parallel_ms, cores, count, work, *algorithms = sys.argv[1:]
scores = json.load(open(scores_path))
systems = scores["systems"]
def figures(key):
    for path, value in systems.items():
        if path.endswith(key + ".jsonl"):
            return " / ".join(f"{value['scores'][m]['mean']:.2f}" for m in ("rouge1", "rouge2", "rougeLsum"))
    return "?"
def ms(algorithm):
    times = [float(line.split("(")[1].split(" ms")[0])
             for line in open(f"{work}/{name}.{algorithm}.log") if "ms/article" in line]
    return min(times) if times else float("nan")
peer = float(peer_ms)
print(f"\n{name} ({count} articles): ROUGE-1 / ROUGE-2 / ROUGE-Lsum F1; speed single-threaded, fastest of runs")
print(f"  {'system':<22} {'R-1 / R-2 / R-Lsum':<24} {'ms/article':>10} {'vs peer':>8}")
for algorithm in algorithms:
    t = ms(algorithm)
    print(f"  {'digest ' + algorithm:<22} {figures('.' + algorithm):<24} {t:>10.3f} {peer / t:>7.1f}x")
print(f"  {'peer lead-3 (summa)':<22} {figures('.peer-lead3'):<24}")
print(f"  {'peer summa TextRank':<22} {figures('.peer-textrank'):<24} {peer:>10.3f} {1.0:>7.1f}x")
print(f"  digest {algorithms[0]} batch on {cores} cores: {float(parallel_ms):.3f} ms/article "
      f"({1000 / float(parallel_ms):.0f} articles/s)")
PY
done
echo
cat "$table"
