#!/usr/bin/env bash
# Compose benchmark: time and peak memory of `digest compose` on the real week 2026-W34
# (../shared/data/feeds), and on the same week replicated 4x and 16x with distinct ids.
# Growth should stay close to linear in the number of articles.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
feeds="$repo/../shared/data/feeds/2026-W34"
[ -d "$feeds" ] || { echo "compose bench: $feeds not found (../shared beside the repository)" >&2; exit 1; }

swift build -c release --product digest --package-path "$repo" >/dev/null
digest="$repo/.build/release/digest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

base="$work/x1"
mkdir -p "$base/Digests"
cp -r "$repo/Templates" "$repo/Subscribers" "$base/"
"$digest" --root "$base" collect "$feeds"/*/*.xml >/dev/null 2>"$work/collect.err" || true

printf '%-6s %9s %9s %12s %14s %16s\n' copies articles stories "seconds" "peak MiB" "ms per article"
for copies in 1 4 16; do
    root="$work/x$copies"
    if [ "$copies" != 1 ]; then
        mkdir -p "$root/Digests"
        cp -r "$repo/Templates" "$repo/Subscribers" "$root/"
        python3 "$repo/Benchmarks/compose/replicate.py" "$base/Digests/articles" "$root/Digests/articles" "$copies"
    fi
    articles=$(find "$root/Digests/articles" -name '*.json' | wc -l)
    /usr/bin/time -f '%e %M' -o "$work/time" "$digest" --root "$root" compose --week 2026-W34 >"$work/out" 2>&1
    read -r seconds kib <"$work/time"
    stories=$(sed -n 's/.*: \([0-9]*\) stories.*/\1/p' "$work/out")
    per=$(python3 -c "print(f'{1000*$seconds/$articles:.2f}')")
    printf '%-6s %9s %9s %12s %14s %16s\n' "$copies" "$articles" "$stories" "$seconds" "$((kib / 1024))" "$per"
done
