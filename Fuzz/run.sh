#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer (LeakSanitizer included) and runs each in turn for
# SECONDS (default 600), then prints a table: executions, speed, corpus size and what was found.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]      e.g. Fuzz/run.sh 30 FuzzCSV FuzzLedger
#
# The seed corpus is made at run time from the shared data (feeds, article pages, news texts: never committed)
# and the project's own files (themes, templates, the sample list), plus the fixtures in Fuzz/seeds/<target>/.
# Inputs that once failed live in Fuzz/seeds/regressions/<target>/ and are replayed before each run.
#
# Environment: DIGEST_SHARED_DATA (default: ../shared/data beside the clone, else /work/shared/data);
# FUZZ_OUT, the folder for logs and findings (default: Fuzz/.build-fuzz/runs/<time>). Corpora grow between runs
# in Fuzz/.build-fuzz/corpus/<target>. One fuzzer runs at a time, on one core.
set -euo pipefail

seconds=${1:-600}
shift || true
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$here/.build-fuzz
all_targets=(FuzzFeedXML FuzzJSONFeed FuzzHTMLPage FuzzCSV FuzzThemeYAML FuzzMustache FuzzLedger)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

if [ -n "${DIGEST_SHARED_DATA:-}" ]; then
    data=$DIGEST_SHARED_DATA
elif [ -d "$root/../shared/data" ]; then
    data=$(cd "$root/../shared/data" && pwd)
else
    data=/work/shared/data
fi
out=${FUZZ_OUT:-$work/runs/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$work" "$out"
out=$(cd "$out" && pwd)

# SwiftPM names a package found by path after its folder; the link gives the main package a fixed name.
ln -sfn ../.. "$work/digest"
build=(swift build -c release --scratch-path "$work/build" -Xswiftc -sanitize=fuzzer,address
    -Xswiftc -parse-as-library)
echo "building: ${build[*]}" >&2
(cd "$here" && "${build[@]}" >&2)
built=$(cd "$here" && "${build[@]}" --show-bin-path)
# The run uses its own copy of the programs: a build during a run leaves it alone, and a finding stays with the
# binary that found it.
bin=$out/bin
mkdir -p "$bin"
for target in "${targets[@]}"; do cp "$built/$target" "$bin/"; done

# Leaks are looked for after each input and at exit; lsan.supp names the toolchain's own, checked by hand.
export ASAN_OPTIONS=detect_leaks=1
# Swift's own crash handler would race the sanitizers' report; libFuzzer and ASan print the stack.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS=suppressions=$here/lsan.supp:print_suppressions=1

# Files a target writes (a ledger, a list, a theme) go to memory, in a folder removed at the end.
scratch=$(mktemp -d /dev/shm/digest-fuzz.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$scratch"' EXIT

seed_name() {  # target -> the folder of its fixtures and dictionary
    case $1 in
        FuzzFeedXML) echo feed-xml ;; FuzzJSONFeed) echo json-feed ;; FuzzHTMLPage) echo html-page ;;
        FuzzCSV) echo csv ;; FuzzThemeYAML) echo theme-yaml ;; FuzzMustache) echo mustache ;;
        FuzzLedger) echo ledger ;; *) echo "unknown target $1" >&2; exit 2 ;;
    esac
}
max_len() {
    case $1 in
        FuzzHTMLPage) echo 65536 ;; FuzzFeedXML) echo 32768 ;; FuzzJSONFeed | FuzzMustache) echo 16384 ;;
        *) echo 8192 ;;
    esac
}

# Seeds from the shared data and the project's own files, into $work/seeds/<target> (made anew each run).
make_seeds() {
    local target=$1 name dir
    name=$(seed_name "$target")
    dir=$work/seeds/$target
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$here/seeds/$name"/* "$dir"/ 2>/dev/null || true
    case $target in
        FuzzFeedXML | FuzzJSONFeed | FuzzHTMLPage)
            python3 "$here/make_seeds.py" "$target" "$data" "$dir" ;;
        FuzzCSV) cp "$root"/Subscribers/*.csv "$dir"/ 2>/dev/null || true ;;
        FuzzThemeYAML)
            for file in "$root"/Templates/*/theme.yaml; do cp "$file" "$dir/$(basename "$(dirname "$file")").yaml"; done ;;
        FuzzMustache)
            for file in "$root"/Templates/*/*.mustache "$root"/Templates/*/web/*.mustache; do
                cp "$file" "$dir/$(echo "${file#"$root"/Templates/}" | tr / _)"
            done ;;
    esac
}

# The dictionary: the committed one, and for templates every name the shipped templates use.
make_dict() {
    local target=$1 dict
    dict=$work/seeds/$target.dict
    cp "$here/dicts/$(seed_name "$target").dict" "$dict"
    if [ "$target" = FuzzMustache ]; then
        cat "$root"/Templates/*/*.mustache | grep -o '{{[#/^&]\?[a-zA-Z_.]*}}' | sort -u \
            | sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/' >>"$dict"
    fi
    echo "$dict"
}

stat_of() { grep -o "^stat::$2: *[0-9]*" "$1" | tail -1 | grep -o '[0-9]*$' || echo 0; }
corpus_of() { grep -o ' corp: [0-9]*' "$1" | tail -1 | grep -o '[0-9]*$' || echo 0; }  # inputs in memory at the end

rows=()
status=0
for target in "${targets[@]}"; do
    name=$(seed_name "$target")
    make_seeds "$target"
    dict=$(make_dict "$target")
    corpus=$work/corpus/$target
    mkdir -p "$corpus"
    log=$out/$target.log
    : >"$log"

    # Inputs that once failed must pass now.
    regressions=$here/seeds/regressions/$name
    if compgen -G "$regressions/*" >/dev/null; then
        echo "== $target: replaying $(ls "$regressions" | wc -l) regression inputs" >&2
        if ! TMPDIR=$scratch "$bin/$target" -timeout=10 -rss_limit_mb=2048 "$regressions"/* >>"$log" 2>&1; then
            echo "   a regression input fails again: see $log" >&2
            status=1
        fi
    fi

    echo "== $target: $seconds s (log: $log)" >&2
    started=$(date +%s)
    set +e
    TMPDIR=$scratch "$bin/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$target")" \
        -detect_leaks=1 -print_final_stats=1 -dict="$dict" -artifact_prefix="$out/$target-" \
        "$corpus" "$work/seeds/$target" >>"$log" 2>&1
    code=$?
    set -e
    elapsed=$(($(date +%s) - started))
    execs=$(stat_of "$log" number_of_executed_units)
    # Each kind of finding, as libFuzzer and the sanitizers report it (a leak found at exit is saved as crash-*).
    leaks=$(grep -c "ERROR: LeakSanitizer" "$log" || true)
    timeouts=$(grep -c "ERROR: libFuzzer: timeout" "$log" || true)
    ooms=$(grep -c "ERROR: libFuzzer: out-of-memory" "$log" || true)
    crashes=$(grep -cE "ERROR: AddressSanitizer|ERROR: libFuzzer: deadly signal" "$log" || true)
    if [ "$code" -ne 0 ] || [ $((crashes + leaks + timeouts + ooms)) -gt 0 ]; then status=1; fi
    rows+=("$(printf '| %-13s | %7d | %11d | %7d | %6d | %7d | %4d | %4d | %8d | %4d | %4d |' "$target" "$elapsed" \
        "$execs" "$((execs / (elapsed > 0 ? elapsed : 1)))" "$(corpus_of "$log")" \
        "$(stat_of "$log" peak_rss_mb)" "$crashes" "$leaks" "$timeouts" "$ooms" "$code")")
    echo "${rows[-1]}" >&2
done

{
    echo
    echo "| target        | seconds | executions  |  exec/s | corpus | RSS MB  | crash| leak | timeouts | oom  | exit |"
    echo "|---------------|---------|-------------|---------|--------|---------|------|------|----------|------|------|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "logs and any failing inputs: $out"
} | tee "$out/table.md"
exit $status
