#!/usr/bin/env bash
# Sending benchmark: `digest send` against Postfix's smtp-sink on loopback, next to Python's smtplib
# sending the same personalised messages over one reused connection, in the same run.
#
#   Benchmarks/send/run.sh [MESSAGES] [MEMORY_RECIPIENTS] [ROUNDS]     (defaults 10000, 100000, 3)
#
# Prints msg/s for digest with 1 and 4 connections and for smtplib, and the ratios. The machine may
# be shared, so each of the three is measured ROUNDS times, interleaved, and the best of each is
# kept (every round is printed too). Then digest's peak memory (/usr/bin/time -v) for a full send
# to MESSAGES, half of MEMORY_RECIPIENTS and MEMORY_RECIPIENTS recipients: it should stay flat as
# the list grows. Needs the `postfix` package for /usr/sbin/smtp-sink (only that binary runs, in
# the foreground, on 127.0.0.1) and a release build (made here). Loopback only; every loop is
# bounded.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT_DIR=$PWD
MESSAGES=${1:-10000}
MEMORY_RECIPIENTS=${2:-100000}
ROUNDS=${3:-3}
WEEK=2026-W47
SINK=/usr/sbin/smtp-sink

if [ ! -x "$SINK" ]; then
    echo "==> installing postfix for smtp-sink" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postfix >/dev/null
fi

echo "==> building digest (release)" >&2
swift build -c release --product digest >&2
DIGEST=$ROOT_DIR/.build/release/digest
PYTHON=${DIGEST_PYTHON:-python3}

WORK=$(mktemp -d /tmp/digest-send-bench-XXXXXX)
SINK_PID=
cleanup() {
    if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
export DIGEST_UNSUBSCRIBE_SECRET=send-benchmark-secret-of-at-least-32-bytes XDG_CONFIG_HOME=/nonexistent

# A newsletter folder with the sample week composed.
NEWS=$WORK/newsletter
mkdir -p "$NEWS/Digests"
cp -r Templates Subscribers "$NEWS/"
cp -r Digests/sample-week "$NEWS/Digests/"
"$DIGEST" --root "$NEWS" collect "$NEWS/Digests/sample-week" >/dev/null
"$DIGEST" --root "$NEWS" compose --week "$WEEK" >/dev/null
ISSUE=$NEWS/Digests/decoding-asia/$WEEK
SENDER=$(grep -A3 '^sender:' Templates/decoding-asia/theme.yaml | sed -n 's/.*address: *\([^ #]*\).*/\1/p' | head -1)

make_list() { # COUNT: a list of COUNT personalised subscribers, some choosing sections
    "$PYTHON" - "$1" "$NEWS/Subscribers/decoding-asia.csv" <<'PY'
import sys
count, path = int(sys.argv[1]), sys.argv[2]
sections = ["", "", "china;japan", "southeast-asia", "south-asia;korean-peninsula"]
with open(path, "w") as out:
    out.write("email,name,sections,status,added_at,source\n")
    for i in range(count):
        out.write("reader%06d@bench.example,Reader %d,%s,active,2026-09-01T08:00:00Z,bench\n" % (i, i, sections[i % 5]))
PY
}

free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
# smtp-sink: accept and discard, up to 1000 concurrent connections, on loopback only.
"$SINK" -u nobody 127.0.0.1:"$PORT" 1000 &
SINK_PID=$!
for _ in $(seq 50); do
    "$PYTHON" -c "import socket,sys; socket.create_connection(('127.0.0.1',$PORT),1)" 2>/dev/null && break
    sleep 0.1
done

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / (b - a) }'; }
best() { printf '%s\n' "$@" | sort -n | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

ours() { # CONNECTIONS -> msg/s of a whole `digest send` process, start-up and summary included
    rm -f "$ISSUE"/delivery.*
    local start end
    start=$(now)
    "$DIGEST" --root "$NEWS" send --week "$WEEK" --smtp-url "smtp://127.0.0.1:$PORT" --allow-plaintext \
        --connections "$1" >"$WORK/ours.out"
    end=$(now)
    grep -q "Sent $MESSAGES," "$WORK/ours.out" || { cat "$WORK/ours.out" >&2; exit 1; }
    rate "$MESSAGES" "$start" "$end"
}

make_list "$MESSAGES"
echo "==> dry run of $MESSAGES messages for the smtplib peer" >&2
"$DIGEST" --root "$NEWS" send --week "$WEEK" --dry-run >/dev/null
EML_BYTES=$(du -sb "$ISSUE/outbox" | cut -f1)

echo "==> sending $MESSAGES messages: digest x1, digest x4, smtplib; $ROUNDS rounds" >&2
OURS1_ALL=() OURS4_ALL=() PEER_ALL=()
for round in $(seq "$ROUNDS"); do
    OURS1_ALL+=("$(ours 1)")
    OURS4_ALL+=("$(ours 4)")
    PEER_ALL+=("$("$PYTHON" Benchmarks/send/smtplib_peer.py "$ISSUE/outbox" "$PORT" "$SENDER" | awk '{ printf "%.0f", $3 }')")
    echo "    round $round: digest x1 ${OURS1_ALL[-1]}, digest x4 ${OURS4_ALL[-1]}, smtplib ${PEER_ALL[-1]} msg/s" >&2
done
OURS1=$(best "${OURS1_ALL[@]}")
OURS4=$(best "${OURS4_ALL[@]}")
PEER=$(best "${PEER_ALL[@]}")

peak_kb() { # RECIPIENTS -> peak RSS in KiB of a full send
    make_list "$1"
    rm -f "$ISSUE"/delivery.*
    /usr/bin/time -v "$DIGEST" --root "$NEWS" send --week "$WEEK" --smtp-url "smtp://127.0.0.1:$PORT" \
        --allow-plaintext >"$WORK/ours.out" 2>"$WORK/time.txt"
    grep -q "Sent $1," "$WORK/ours.out" || { cat "$WORK/ours.out" "$WORK/time.txt" >&2; exit 1; }
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt"
}
MEMORY_SIZES=("$MESSAGES" $((MEMORY_RECIPIENTS / 2)) "$MEMORY_RECIPIENTS")
echo "==> peak memory of a full send to ${MEMORY_SIZES[*]} recipients" >&2
MEMORY=()
for size in "${MEMORY_SIZES[@]}"; do MEMORY+=("$(peak_kb "$size")"); done

printf '\nsmtp-sink on 127.0.0.1, %d personalised messages (average %d bytes), best of %d rounds\n' \
    "$MESSAGES" $((EML_BYTES / MESSAGES)) "$ROUNDS"
printf '%-36s %10s %8s\n' "sender" "msg/s" "vs peer"
printf '%-36s %10s %8s\n' "python smtplib, 1 connection (peer)" "$PEER" "1.00"
printf '%-36s %10s %8s\n' "digest send, 1 connection" "$OURS1" "$(ratio "$OURS1" "$PEER")"
printf '%-36s %10s %8s\n' "digest send, 4 connections" "$OURS4" "$(ratio "$OURS4" "$PEER")"
printf '\npeak memory of digest send (RSS):\n'
for index in "${!MEMORY_SIZES[@]}"; do
    printf '  %7d recipients %6.1f MiB\n' "${MEMORY_SIZES[$index]}" "$(awk -v k="${MEMORY[$index]}" 'BEGIN { print k / 1024 }')"
done
