#!/usr/bin/env bash
# Serving benchmark: `digest serve` (release build) on 127.0.0.1 under load.
#
#   Benchmarks/serve/run.sh                 # 100,000 readers, 1,000 one-click POSTs, 16 at a time
#   READERS=20000 POSTS=500 Benchmarks/serve/run.sh
#
# 1. One-click unsubscribes: a generated list of READERS readers (synthetic addresses), POSTS RFC 8058
#    requests (`POST /unsubscribe?token=…`, body `List-Unsubscribe=One-Click`) for POSTS different readers,
#    CONCURRENCY at a time (oneclick.py, one keep-alive connection per worker). Every one must answer 200 and be
#    kept (checked with `digest subscribers export --status unsubscribed`); target p99 under 100 ms.
#    For scale, the same run times one change made the old way, a whole-list rewrite under the lock
#    (`digest subscribers unsubscribe --token`, which also folds the server's change journal into the CSV).
# 2. The archive: wrk (Debian's package; installed when missing) against GET /archive/<theme>/<week>/ for
#    WRK_SECONDS seconds with 16 connections, and the same page as `digest archive` writes it (checked to be the
#    same bytes), served as a static file by nginx and by Python's http.server (the peers: what a user publishing
#    the static archive would run), each measured in the same run; requests per second, p99, and the ratio to nginx.
#
# Exits non-zero when a request fails or an unsubscribe is not kept; the p99 target is reported, not enforced
# (latencies depend on the machine, which may be shared). Loopback only; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT_DIR=$PWD
. Benchmarks/lib.sh
READERS=${READERS:-100000}
POSTS=${POSTS:-1000}
CONCURRENCY=${CONCURRENCY:-16}
WRK_SECONDS=${WRK_SECONDS:-10}
THEME=decoding-asia
WEEK=2026-W47

missing=()
command -v wrk >/dev/null || missing+=(wrk)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

DIGEST=$(bench_digest "$ROOT_DIR")
if [ -z "${DIGEST_SERVE:-}" ]; then
    (swift build -c release --product digest-serve >&2)
    DIGEST_SERVE="$(swift build -c release --show-bin-path)/digest-serve"
fi
PYTHON=${DIGEST_PYTHON:-python3}

WORK=$(mktemp -d /tmp/digest-serve-bench-XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
export DIGEST_UNSUBSCRIBE_SECRET=serve-benchmark-secret-of-at-least-32-bytes XDG_CONFIG_HOME=/nonexistent

free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for_port() { # PORT: until something accepts on it (at most 10 s)
    for _ in $(seq 100); do
        "$PYTHON" -c "import socket; socket.create_connection(('127.0.0.1',$1),1)" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    exit 1
}

# A newsletter folder with the sample week composed, and its issue marked as sent (an empty ledger).
NEWS=$WORK/newsletter
mkdir -p "$NEWS/Digests" "$NEWS/Subscribers"
cp -r Templates "$NEWS/"
cp -r Digests/sample-week "$NEWS/Digests/"
"$DIGEST" --root "$NEWS" collect "$NEWS/Digests/sample-week" >/dev/null
"$DIGEST" --root "$NEWS" compose --theme "$THEME" --week "$WEEK" >/dev/null
touch "$NEWS/Digests/$THEME/$WEEK/delivery.ledger"
LIST=$(sed -n 's/^list: *\([^ #]*\).*/\1/p' "Templates/$THEME/theme.yaml")

# READERS synthetic readers; the POSTS chosen ones are spread over the whole list and all active.
STEP=$((READERS / POSTS))
"$PYTHON" - "$READERS" "$STEP" "$POSTS" "$NEWS/Subscribers/$LIST.csv" "$WORK/chosen.txt" <<'PY'
import sys
readers, step, posts, path, chosen_path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
sections = ["", "", "china;japan", "southeast-asia", "south-asia;korean-peninsula"]
with open(path, "w") as out, open(chosen_path, "w") as chosen:
    out.write("email,name,sections,status,added_at,source\n")
    for i in range(readers):
        email = "reader%06d@mail%d.bench.example" % (i, i % 37)
        name = '"Reader %d, Jr."' % i if i % 10 == 3 else "Reader %d" % i
        is_chosen = i % step == 0 and i // step < posts
        status = "active" if is_chosen or i % 50 != 1 else "bounced"
        out.write("%s,%s,%s,%s,2026-09-01T08:00:00Z,bench\n" % (email, name, sections[i % 5], status))
        if is_chosen:
            chosen.write(email + "\n")
PY

PORT=$(free_port)
"$DIGEST_SERVE" --root "$NEWS" --listen "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
wait_for_port "$PORT"
BASE=http://127.0.0.1:$PORT

echo "==> $POSTS one-click POSTs, $CONCURRENCY at a time, list of $READERS readers" >&2
"$PYTHON" Benchmarks/serve/oneclick.py "$BASE" "$LIST" "$WORK/chosen.txt" "$CONCURRENCY" >"$WORK/oneclick.json"
field() { "$PYTHON" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$WORK/oneclick.json" "$1"; }
FAILURES=$(field failures)

kept() { # how many chosen readers `digest subscribers export --status unsubscribed` lists
    "$DIGEST" --root "$NEWS" subscribers export --list "$LIST" --status unsubscribed >"$WORK/unsubscribed.csv"
    "$PYTHON" -c '
import csv, sys
chosen = {line.strip() for line in open(sys.argv[1]) if line.strip()}
listed = {row["email"] for row in csv.DictReader(open(sys.argv[2], newline=""))}
print(len(chosen & listed))' "$WORK/chosen.txt" "$WORK/unsubscribed.csv"
}
KEPT=$(kept)

# The old way, for scale: one change that reads and rewrites the whole list under its lock. It also folds the
# journal of the server's unsubscribes into the CSV; the unsubscribes must all still be there after it.
OTHER=$(sed -n "$((STEP / 2 + 1))p" "$NEWS/Subscribers/$LIST.csv" | cut -d, -f1)
OTHER_TOKEN=$("$PYTHON" -c '
import sys; sys.path.insert(0, "Benchmarks/serve")
import os, oneclick
print(oneclick.token(os.environ["DIGEST_UNSUBSCRIBE_SECRET"].encode(), sys.argv[1], sys.argv[2]))' "$LIST" "$OTHER")
JOURNAL_LINES=$( (cat "$NEWS/Subscribers/$LIST.changes" 2>/dev/null || true) | wc -l)
REWRITE_START=$(date +%s.%N)
"$DIGEST" --root "$NEWS" subscribers unsubscribe --list "$LIST" --token "$OTHER_TOKEN" >/dev/null
REWRITE_END=$(date +%s.%N)
REWRITE_MS=$(awk -v a="$REWRITE_START" -v b="$REWRITE_END" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
KEPT_AFTER_FOLD=$(kept)

# The archive page, served by digest and, as `digest archive` writes it, by nginx and Python's http.server: the
# same bytes (checked), from a static file.
PAGE_PATH=/archive/$THEME/$WEEK/
STATIC=$WORK/static
"$DIGEST" --root "$NEWS" archive --output "$STATIC" --base-url "$BASE" >/dev/null
curl -sf "$BASE$PAGE_PATH" | cmp -s - "$STATIC${PAGE_PATH}index.html" ||
    { echo "digest archive's page is not the one digest serve answers" >&2; exit 1; }
PAGE_BYTES=$(wc -c <"$STATIC${PAGE_PATH}index.html")
chmod -R a+rX "$STATIC"

NGINX_PORT=$(free_port)
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $STATIC;
        index index.html;
    }
}
CONF
/usr/sbin/nginx -c "$WORK/nginx.conf" -p "$WORK" &
PIDS+=($!)
PY_PORT=$(free_port)
"$PYTHON" -m http.server "$PY_PORT" --bind 127.0.0.1 --directory "$STATIC" >/dev/null 2>&1 &
PIDS+=($!)
wait_for_port "$NGINX_PORT"
wait_for_port "$PY_PORT"
for port in "$NGINX_PORT" "$PY_PORT"; do
    curl -sf "http://127.0.0.1:$port$PAGE_PATH" | cmp -s - "$STATIC${PAGE_PATH}index.html" ||
        { echo "the peer on port $port does not serve the same page" >&2; exit 1; }
done

run_wrk() { # URL -> "requests/s p99-ms errors"
    wrk -t2 -c16 -d"${WRK_SECONDS}s" --latency "$1" >"$WORK/wrk.txt" 2>&1
    awk '
        /Requests\/sec:/ { rps = $2 }
        /^ +99%/ { v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
            p99 = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { sub(/,/, "", $i); errors += $i } }
        END { printf "%.0f %.2f %d\n", rps, p99, errors }' "$WORK/wrk.txt"
}
echo "==> wrk, ${WRK_SECONDS} s each: digest serve, nginx, python http.server" >&2
read -r OURS_RPS OURS_P99 OURS_ERR <<<"$(run_wrk "$BASE$PAGE_PATH")"
read -r NGINX_RPS NGINX_P99 NGINX_ERR <<<"$(run_wrk "http://127.0.0.1:$NGINX_PORT$PAGE_PATH")"
read -r PY_RPS PY_P99 PY_ERR <<<"$(run_wrk "http://127.0.0.1:$PY_PORT$PAGE_PATH")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
P99=$(field p99_ms)
TARGET=$(awk -v p="$P99" 'BEGIN { print (p < 100) ? "under 100 ms" : "OVER 100 ms" }')

echo
echo "digest serve on 127.0.0.1 ($(uname -m), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg))"
echo
echo "one-click unsubscribes: list of $READERS readers, $POSTS POSTs for different readers, $CONCURRENCY at a time"
printf '| %5s | %8s | %8s | %8s | %8s | %10s |\n' count failures "p50 ms" "p99 ms" "max ms" requests/s
printf '|-------|----------|----------|----------|----------|------------|\n'
printf '| %5s | %8s | %8s | %8s | %8s | %10s |\n' "$(field count)" "$FAILURES" "$(field p50_ms)" "$P99" \
    "$(field max_ms)" "$(field requests_per_s)"
echo "p99 target: $TARGET; kept: $KEPT of $POSTS unsubscribed (digest subscribers export), journal $JOURNAL_LINES lines"
echo "one change the old way at $READERS readers (digest subscribers unsubscribe --token: read, fold, rewrite the" \
    "CSV): $REWRITE_MS ms; kept after the fold: $KEPT_AFTER_FOLD of $POSTS"
echo
echo "GET $PAGE_PATH ($PAGE_BYTES bytes), wrk -t2 -c16 -d${WRK_SECONDS}s"
printf '| %-36s | %10s | %8s | %6s | %11s |\n' server requests/s "p99 ms" errors "vs nginx"
printf '|--------------------------------------|------------|----------|--------|-------------|\n'
printf '| %-36s | %10s | %8s | %6s | %11s |\n' "digest serve" "$OURS_RPS" "$OURS_P99" "$OURS_ERR" \
    "$(ratio "$OURS_RPS" "$NGINX_RPS")"
printf '| %-36s | %10s | %8s | %6s | %11s |\n' "nginx 1.22, static file (peer)" "$NGINX_RPS" "$NGINX_P99" "$NGINX_ERR" "1.00"
printf '| %-36s | %10s | %8s | %6s | %11s |\n' "python http.server, static file" "$PY_RPS" "$PY_P99" "$PY_ERR" \
    "$(ratio "$PY_RPS" "$NGINX_RPS")"

if [ "$FAILURES" != 0 ]; then echo "FAILED requests: $(field first_failures)" >&2; exit 1; fi
if [ "$KEPT" != "$POSTS" ] || [ "$KEPT_AFTER_FOLD" != "$POSTS" ]; then echo "unsubscribes were LOST" >&2; exit 1; fi
if [ "$OURS_ERR" != 0 ]; then echo "wrk saw errors from digest serve" >&2; exit 1; fi
