#!/usr/bin/env bash
# Subscriber-list benchmark: imports a generated CSV of ROWS subscribers (default 100,000) with the
# release build of `digest`, reports wall time and peak memory (/usr/bin/time -v) for each step, and
# checks that the saved list, `subscribers list --format csv` and `subscribers export` are
# byte-identical to the generated file, and that re-importing the export gives the same bytes again.
#
#   Benchmarks/subscribers/run.sh            # 100,000 rows
#   ROWS=1000000 Benchmarks/subscribers/run.sh
#
# Exits non-zero when a round trip is not byte-identical or a step fails; the 2 s import target is
# reported, not enforced (timings depend on the machine; cpu = user + system time, which other
# processes on a busy machine disturb less than wall time).
set -euo pipefail

rows=${ROWS:-100000}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

echo "building: swift build -c release --product digest" >&2
swift build -c release --product digest >&2
bin="$(swift build -c release --product digest --show-bin-path)/digest"

work="$(mktemp -d "${TMPDIR:-/tmp}/digest-subscribers-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
news="$work/newsletter"
mkdir -p "$news/Subscribers"
source_csv="$work/readers.csv"

# Canonical rows (lower-case domains, ISO 8601 UTC dates, quoting only where needed), so the list
# writes them back exactly as generated. Quoted names with commas and quotes, non-ASCII names and an
# internationalised domain are mixed in.
awk -v rows="$rows" 'BEGIN {
    split("|china|japan;korean-peninsula|southeast-asia|south-asia;regional", sections, "|")
    split("active|active|active|unsubscribed|bounced", statuses, "|")
    print "email,name,sections,status,added_at,source"
    for (i = 0; i < rows; i++) {
        if (i % 50 == 7) { email = "leser" i "@東京.jp"; name = "Nguyễn Thị " i }
        else if (i % 10 == 3) { email = "reader." i "@example" (i % 97) ".com"; name = "\"Reader " i ", Jr.\"" }
        else if (i % 10 == 5) { email = "r+" i "@mail" (i % 13) ".example.org"; name = "\"Ann \"\"Nan\"\" " i "\"" }
        else { email = "reader" i "@example" (i % 97) ".com"; name = "Reader " i }
        printf "%s,%s,%s,%s,2026-%02d-%02dT%02d:%02d:00Z,import:generated\n", email, name, sections[i % 5 + 1],
            statuses[i % 5 + 1], i % 12 + 1, i % 28 + 1, i % 24, i % 60
    }
}' > "$source_csv"

# run NAME OUTPUT-FILE COMMAND...: runs a step under /usr/bin/time -v, keeps its stdout in OUTPUT-FILE
# and adds a row to the table.
table=()
run() {
    local name=$1 output=$2
    shift 2
    local timing="$work/time.txt"
    if ! /usr/bin/time -v -o "$timing" "$@" > "$output" 2> "$work/stderr.txt"; then
        echo "step '$name' failed:" >&2
        cat "$work/stderr.txt" >&2
        exit 1
    fi
    local wall cpu rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$timing")
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$timing")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$timing")
    table+=("$(printf '| %-38s | %8s | %7s | %11s |' "$name" "$wall" "$cpu" "$rss")")
    last_wall=$wall
}

same() { cmp -s "$1" "$2" && echo "byte-identical" || { echo "DIFFERENT"; failed=1; }; }
failed=0

run "import $rows rows into an empty list" "$work/import.out" \
    "$bin" --root "$news" subscribers import --list bench "$source_csv"
import_wall=$last_wall
run "import the same file again (no change)" "$work/reimport.out" \
    "$bin" --root "$news" subscribers import --list bench "$source_csv"
run "list (text, with counts)" "$work/list.txt" "$bin" --root "$news" subscribers list --list bench
run "list --format csv" "$work/list.csv" "$bin" --root "$news" subscribers list --list bench --format csv
run "export" "$work/export.csv" "$bin" --root "$news" subscribers export --list bench
run "import the export into a new list" "$work/import2.out" \
    "$bin" --root "$news" subscribers import --list again "$work/export.csv"

saved=$(same "$source_csv" "$news/Subscribers/bench.csv")
listed=$(same "$source_csv" "$work/list.csv")
exported=$(same "$source_csv" "$work/export.csv")
again=$(same "$source_csv" "$news/Subscribers/again.csv")
target=$(awk -v t="$import_wall" 'BEGIN { print (t < 2.0) ? "under 2 s" : "OVER 2 s" }')

echo
echo "digest subscribers: $rows rows, $(wc -c < "$source_csv") bytes ($(uname -m), $(nproc) cores," \
    "load average $(cut -d' ' -f1 /proc/loadavg))"
echo
printf '| %-38s | %8s | %7s | %11s |\n' "step" "wall (s)" "cpu (s)" "peak RSS MB"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..40})" "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..9})" \
    "$(printf -- '-%.0s' {1..13})"
printf '%s\n' "${table[@]}"
echo
echo "import: $(cat "$work/import.out")"
echo "import target: $import_wall s, $target"
echo "list: $(tail -n 1 "$work/list.txt")"
echo "round trips against the generated file: saved list $saved; list --format csv $listed;" \
    "export $exported; export re-imported $again"
exit "$failed"
