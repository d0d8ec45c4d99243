# Shared by the people benchmarks: a release build and a generated county on a fresh SQLite
# database in a temporary folder (removed on exit). Sourced, not run.

build_release() {
    cargo build --release --quiet -p lianxin --bin lianxin --example bench_people
}

# Generates the 300-village county (seed 1); sets $url, $org (the county organization) and
# $gen_out (what `lianxin gen` printed), and $gen_secs (its wall-clock time).
gen_county() {
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    url="sqlite://$work/bench.db?mode=rwc"
    target/release/lianxin --database-url "$url" migrate >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    local start end
    start=$(date +%s.%N)
    timeout 300 target/release/lianxin --database-url "$url" gen --villages 300 --seed 1 >"$work/out" 2>"$work/err" \
        || { cat "$work/err" >&2; exit 1; }
    end=$(date +%s.%N)
    gen_secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    gen_out=$(cat "$work/out")
    org=$(awk '/county organization/ { print $3 }' "$work/out")
}

# The number after `label` in what `lianxin gen` printed.
gen_count() {
    grep -o "$1 [0-9]*" <<<"$gen_out" | head -1 | awk '{ print $2 }'
}
