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

# bench_tool ROOT PRODUCT: the PRODUCT binary built from the same package and configuration as $DIGEST
# when $DIGEST sits in a SwiftPM build folder (…/.build/debug/digest: rebuilt there first, so it is never
# older than the binary it is run beside), else the release binary of the package at ROOT, built first.
bench_tool() {
    if [ -n "${DIGEST:-}" ]; then
        local dir conf package
        dir="$(dirname "$DIGEST")"
        conf="$(basename "$dir")"
        package="$(cd "$dir/../.." 2>/dev/null && pwd)"
        if { [ "$conf" = debug ] || [ "$conf" = release ]; } && [ -f "$package/Package.swift" ]; then
            (cd "$package" && swift build -c "$conf" --product "$2" >&2)
            echo "$dir/$2"
            return
        fi
        echo "note: \$DIGEST is not in a build folder; $2 is the release build of $1" >&2
    fi
    (cd "$1" && swift build -c release --product "$2" >&2)
    echo "$(cd "$1" && swift build -c release --show-bin-path)/$2"
}
