# Shared by the benchmarks that read ../shared (sourced from Benchmarks/*/run.sh).

# bench_python VENV IMPORTS PACKAGE...: the python of VENV, after installing PACKAGE... there
# when `import IMPORTS` fails. Installation talk goes to stderr.
bench_python() {
    local venv=$1 imports=$2
    shift 2
    if ! "$venv/bin/python" -c "import $imports" 2>/dev/null; then
        echo "setting up $venv ($*)" >&2
        [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet "$@" >&2
    fi
    echo "$venv/bin/python"
}

# bench_digest ROOT: $DIGEST when set, else the release binary of the package at ROOT, built first.
bench_digest() {
    if [ -n "${DIGEST:-}" ]; then
        echo "$DIGEST"
        return
    fi
    (cd "$1" && swift build -c release --product digest >&2)
    echo "$(cd "$1" && swift build -c release --show-bin-path)/digest"
}

# bench_tool ROOT PRODUCT: the PRODUCT binary beside $DIGEST when there is one there, else the release binary
# of the package at ROOT, built first.
bench_tool() {
    if [ -n "${DIGEST:-}" ] && [ -x "$(dirname "$DIGEST")/$2" ]; then
        echo "$(dirname "$DIGEST")/$2"
        return
    fi
    (cd "$1" && swift build -c release --product "$2" >&2)
    echo "$(cd "$1" && swift build -c release --show-bin-path)/$2"
}
