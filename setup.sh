#!/usr/bin/env bash
# Installs what `digest` needs on a Debian machine that has the Swift toolchain, then runs a job.
#
#   ./setup.sh demo    collect the bundled sample week, compose it, preview it in the terminal
#   ./setup.sh test    lint, then run the whole test suite (Swift Testing, real loopback servers)
#   ./setup.sh bench   every benchmark in Benchmarks/*/run.sh, each measuring its peer in the same run
#
# Both are idempotent: what is installed already is left alone.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(pkg-config libcurl4-openssl-dev libxml2-dev libstemmer-dev zlib1g-dev python3 python3-venv)
SAMPLE_WEEK=2026-W47

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "setup.sh: need root (or sudo) to run: $*" >&2
        exit 1
    fi
}

ensure_apt_packages() {
    local missing=()
    for package in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "Installing ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# Python tools the tests use (the SMTP test server), in a virtual environment of the project's own.
ensure_python_tools() {
    if [ ! -x .venv/bin/python3 ]; then
        say "Creating .venv for the test servers"
        python3 -m venv .venv
    fi
    if ! .venv/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
        say "Installing Python test tools (Tests/requirements.txt)"
        .venv/bin/python3 -m pip install --quiet --disable-pip-version-check -r Tests/requirements.txt
    fi
}

build() {
    say "Building digest"
    swift build --product digest
}

case "${1:-}" in
demo)
    ensure_apt_packages
    build
    digest=.build/debug/digest
    say "Collecting the sample week (Digests/sample-week)"
    "$digest" collect Digests/sample-week
    say "Composing the Decoding Asia issue for $SAMPLE_WEEK"
    "$digest" compose --theme decoding-asia --week "$SAMPLE_WEEK"
    say "Preview"
    "$digest" preview --theme decoding-asia --week "$SAMPLE_WEEK" --no-pager
    ;;
test)
    ensure_apt_packages
    ensure_python_tools
    say "Checking the format (swift format lint)"
    swift format lint --strict --recursive Package.swift Sources Tests Benchmarks
    say "Building and running the tests"
    swift build --build-tests
    log=.build/test-output.log
    set +e
    DIGEST_PYTHON="$PWD/.venv/bin/python3" swift test 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    set -e
    # One plain closing line, whatever the test runners printed last.
    passed=$(sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} in .* passed after.*/\1/p' "$log" | tail -1)
    if [ "$status" -eq 0 ] && [ -n "$passed" ]; then
        echo "tests: $passed passed, 0 failed"
    fi
    exit "$status"
    ;;
bench)
    ensure_apt_packages
    for script in Benchmarks/*/run.sh; do
        say "Benchmark: ${script%/run.sh}"
        bash "$script"
    done
    ;;
*)
    echo "usage: ./setup.sh demo | test | bench" >&2
    exit 64
    ;;
esac
