# Shared by the people benchmarks: a release build and a generated county on a fresh SQLite
# database in a temporary folder (removed on exit). Sourced, not run.

build_release() {
    cargo build --release --quiet -p lianxin -p lianxin-bench
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

# ---- appeals ----

build_release_appeals() {
    cargo build --release --quiet -p lianxin -p lianxin-bench
}

# The county `gen_county` makes (300 villages, seed 1) with a history of $APPEALS (default
# 1 000 000) appeals without timelines (`lianxin gen --appeals N --no-events`; the benchmarks
# read no timeline). Generating takes a few minutes, so the database is made once and kept under
# target/bench-cache/appeals-<key>, the key a hash of the binary's version, the sources that
# shape the data (people and appeal generators, migrations) and N; each run works on a copy in a
# temporary folder (removed on exit). Sets $url, $db, $work, $org (county organization),
# $county (county area), $history_now (the instant the history ends), $gen_out, $cache_note.
appeals_county() {
    local n=${APPEALS:-1000000} key dir
    key=$( (target/release/lianxin --version; echo "$n"; find crates/app/src/fixtures crates/store/src/migration -name '*.rs' | sort | xargs cat) \
        | sha256sum | cut -c1-12)
    dir=target/bench-cache/appeals-$key
    if [ ! -f "$dir/ready" ]; then
        # Only the current county is kept (each is ~2.5 GB).
        rm -rf target/bench-cache/appeals-*
        mkdir -p "$dir"
        echo "making the benchmark county with $n appeals in $dir (once; a few minutes)" >&2
        local u="sqlite://$dir/county.db?mode=rwc" start end
        target/release/lianxin --database-url "$u" migrate >/dev/null 2>"$dir/gen.err" || { cat "$dir/gen.err" >&2; exit 1; }
        start=$(date +%s.%N)
        timeout 1800 target/release/lianxin --database-url "$u" gen --villages 300 --seed 1 --appeals "$n" --no-events \
            >"$dir/gen.out" 2>"$dir/gen.err" || { cat "$dir/gen.err" >&2; exit 1; }
        end=$(date +%s.%N)
        awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", b - a }' >"$dir/gen.secs"
        touch "$dir/ready"
    fi
    work=$(mktemp -d)
    trap 'cleanup_appeals' EXIT
    db="$work/bench.db"
    cp "$dir/county.db" "$db"
    cp "$dir/county.key" "$work/bench.key"
    if [ -f "$dir/county.db-wal" ]; then cp "$dir/county.db-wal" "$db-wal"; fi
    url="sqlite://$db?mode=rwc"
    gen_out=$(cat "$dir/gen.out")
    org=$(awk '/county organization/ { print $3 }' <<<"$gen_out")
    county=$(awk '/county area/ { print $3 }' <<<"$gen_out")
    history_now=$(awk '/appeals as of/ { print $4 }' <<<"$gen_out")
    cache_note="cached in $dir, made in $(cat "$dir/gen.secs") s"
}

# Processes started by a benchmark, stopped on exit.
bench_pids=()
cleanup_appeals() {
    local p
    for p in "${bench_pids[@]}"; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    [ -n "${work:-}" ] && rm -rf "$work"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts `lianxin serve` (release, SQLite) on the benchmark copy with the per-address rate limit
# raised out of the way (one address sends everything); sets $base and $server_pid. The jobs are
# brought up to date first, so the sweeper of `serve` has nothing left to do during the run.
serve_appeals() {
    local port
    port=$(free_port)
    base="http://127.0.0.1:$port"
    LIANXIN_DATA_KEY=$(cat "$work/bench.key") timeout 600 target/release/lianxin --database-url "$url" \
        jobs run --now "$(date -u +%FT%TZ)" >/dev/null 2>"$work/jobs.err" || { cat "$work/jobs.err" >&2; exit 1; }
    LIANXIN_DATA_KEY=$(cat "$work/bench.key") LIANXIN_LIMITS__PER_IP_PER_SECOND=1000000 LIANXIN_LIMITS__PER_IP_BURST=1000000 \
        target/release/lianxin --database-url "$url" serve --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
    server_pid=$!
    bench_pids+=("$server_pid")
    local i
    for i in $(seq 1 300); do
        if curl -fsS "$base/readyz" >/dev/null 2>&1; then return 0; fi
        if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/serve.log" >&2; exit 1; fi
        sleep 0.2
    done
    echo "the server did not become ready" >&2
    tail -20 "$work/serve.log" >&2
    exit 1
}

# Peak resident memory of a process in MB (VmHWM).
peak_rss_mb() {
    awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

# wrk from Debian: the load generator of every HTTP benchmark (installed when missing).
ensure_wrk() {
    command -v wrk >/dev/null && return 0
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    command -v wrk >/dev/null || { echo "wrk could not be installed" >&2; exit 1; }
}

# wrk_run NAME DURATION_S URL [wrk options…]: one run of 32 connections on one thread; prints
# the `result …` line of bench/wrk/report.lua with name=NAME (a script given with -s must
# itself include the report, as bench/wrk/intake.lua does).
wrk_run() {
    local name=$1 secs=$2 u=$3
    shift 3
    local has_script=0 a
    for a in "$@"; do [ "$a" = "-s" ] && has_script=1; done
    local extra=()
    [ "$has_script" = 1 ] || extra=(-s bench/wrk/report.lua)
    REPORT=bench/wrk/report.lua timeout $((secs + 30)) wrk -t1 -c32 -d"${secs}s" --timeout 5s "${extra[@]}" "$@" "$u" \
        | grep '^result ' | sed "s/^result /result name=$name /"
}

# A field of a `result …` line.
result_field() {
    grep '^result ' <<<"$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'
}
