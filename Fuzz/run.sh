#!/bin/sh
# Builds loupe's libFuzzer targets and runs one, or all one after another.
#
#   Fuzz/run.sh build                      build every target (ASan + libFuzzer, optimized)
#   Fuzz/run.sh seeds                      (re)build the seed corpora under Fuzz/corpus/
#   Fuzz/run.sh TARGET SECONDS [ARGS...]   fuzz one target for SECONDS (extra ARGS go to libFuzzer)
#   Fuzz/run.sh all SECONDS                fuzz every target for SECONDS each, one at a time
#   Fuzz/run.sh repro TARGET FILE...       run a target once on saved inputs (crash artifacts)
#   Fuzz/run.sh list                       the target names
#
# One process, one job: the machine is shared. Findings go to Fuzz/artifacts/TARGET/, logs to
# Fuzz/logs/TARGET.log; the corpus each run grows stays in Fuzz/corpus/TARGET/ (git-ignored).
set -e
fuzz="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$fuzz")"
scratch="$root/.build-fuzz"
targets="json-scanner json-reader query otlp otlp-lines jaeger zipkin otel-console timestamp compression"

build() {
    # -parse-as-library: the targets have no main of their own (see FuzzDriver.swift).
    # -enable-testing: loupe's modules with testing enabled, which @testable import needs.
    # Optimized (checks for overflow and bounds stay on in -O): a debug build ran the trace
    # targets at 2 inputs a second. The C kernels (CLoupeSearch) get ASan and coverage too.
    (cd "$fuzz" && swift build -c release --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing -Xswiftc -g \
        -Xcc -fsanitize=fuzzer-no-link,address "$@")
}

binary() { echo "$scratch/release/fuzz-$1"; }

# Seed files no bigger than this are copied; bigger ones would slow every execution.
max_seed=65536

seeds() {
    corpus="$fuzz/corpus"
    mkdir -p "$corpus"
    shared="$root/../shared/corpus"
    for t in $targets; do mkdir -p "$corpus/$t"; done
    copy() { # target, files...
        t=$1
        shift
        for f in "$@"; do
            [ -f "$f" ] || continue
            [ "$(wc -c <"$f")" -le $max_seed ] || continue
            cp "$f" "$corpus/$t/seed-$(basename "$f")"
        done
    }
    # JSON: the JSONTestSuite files, the log fixtures, and single lines of the real logs.
    for t in json-scanner json-reader; do
        copy $t "$shared"/jsontestsuite/test_parsing/* "$root"/Tests/Fixtures/logs/*
        for f in "$root"/Tests/Fixtures/logs/*.jsonl "$shared"/logs/*.jsonl; do
            [ -f "$f" ] || continue
            head -n 20 "$f" | split -l 1 -a 3 - "$corpus/$t/seed-line-$(basename "$f")-"
        done
    done
    # Traces: the checkout fixtures and the real exports, every format into every decoder
    # (a decoder must survive the others' documents too).
    for t in otlp otlp-lines jaeger zipkin otel-console json-reader; do
        copy $t "$root"/Tests/Fixtures/traces/*.json "$root"/Tests/Fixtures/traces/*.jsonl \
            "$root"/Tests/Fixtures/otel-console/*.txt "$root"/Tests/Fixtures/otel-console/*.json \
            "$root"/Tests/Fixtures/gate/*.json "$shared"/otlp/* "$shared"/jaeger/* "$shared"/zipkin/*
    done
    # Queries: every query argument of the end-to-end and stage fixtures.
    python3 - "$root/Tests/Fixtures" "$corpus/query" <<'EOF'
import json, os, shlex, sys
fixtures, out = sys.argv[1], sys.argv[2]
queries = set()
for folder in ("e2e", "stages"):
    for name in sorted(os.listdir(os.path.join(fixtures, folder))):
        if not name.endswith(".case"):
            continue
        lines = open(os.path.join(fixtures, folder, name), encoding="utf-8").read().split("\n")
        args = []
        for i, line in enumerate(lines):
            if line.startswith("args: "):
                args = json.loads(line[6:])
            elif line == "--- args" and i + 1 < len(lines):
                try:
                    args = shlex.split(lines[i + 1])
                except ValueError:
                    args = []
        for a in args:
            if not a.startswith("-") and a != "INPUT" and "." not in a[-5:] or " " in a:
                queries.add(a)
for i, q in enumerate(sorted(queries)):
    with open(os.path.join(out, "seed-%03d" % i), "w", encoding="utf-8") as f:
        f.write(q)
EOF
    # Timestamps: RFC 3339 texts, epoch numbers and durations.
    i=0
    for s in 2024-03-11T08:00:00Z 2024-03-11T10:00:00.123456789+02:00 "2024-02-29 23:59:60,5-05:30" 2024-03-11 \
        1710144000 1710144000.123 1710144000123 1.7101440001234567e18 -1e-7 563ms 1.5s 250us; do
        printf '%s' "$s" >"$corpus/timestamp/seed-$i"
        i=$((i + 1))
    done
    # Compression: the first byte picks raw (0), gzip (1) or zstd (2) of the rest.
    printf '\000' >"$corpus/compression/seed-empty-raw"
    printf '\001{"level":"error","msg":"x"}\n' >"$corpus/compression/seed-gzip"
    printf '\002{"level":"error","msg":"x"}\n' >"$corpus/compression/seed-zstd"
    head -c 2000 "$root/Tests/Fixtures/logs/lnav_pino.jsonl" | gzip -c -n | { printf '\000'; cat; } >"$corpus/compression/seed-raw-gzip"
    if command -v zstd >/dev/null; then
        head -c 2000 "$root/Tests/Fixtures/logs/lnav_pino.jsonl" | zstd -q -c | { printf '\000'; cat; } >"$corpus/compression/seed-raw-zstd"
    fi
    for t in $targets; do echo "$t: $(ls "$corpus/$t" | wc -l) seeds"; done
}

# Per-target libFuzzer options: the longest input tried. The trace targets decode every input
# twice and analyse it: at 64 KiB they ran 20 to 30 inputs a second, at 4 KiB 350 to 750, with
# more coverage (the seeds' first 4 KiB still open each format's documents).
options() {
    case $1 in
    query | timestamp) echo "-max_len=512" ;;
    json-scanner | json-reader) echo "-max_len=8192" ;;
    compression) echo "-max_len=16384" ;;
    *) echo "-max_len=4096" ;;
    esac
}

run() { # target, seconds, extra libFuzzer args
    t=$1
    seconds=$2
    shift 2
    [ -d "$fuzz/corpus/$t" ] || seeds
    mkdir -p "$fuzz/artifacts/$t" "$fuzz/logs"
    echo "fuzzing $t for $seconds s (log: Fuzz/logs/$t.log)"
    # -detect_leaks=0: the targets keep nothing between inputs; a leak report would stop a
    # run on the Swift runtime's own lazily built metadata.
    SWIFT_BACKTRACE=enable=no "$(binary "$t")" "$fuzz/corpus/$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
        -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$fuzz/artifacts/$t/" $(options "$t") "$@" \
        >"$fuzz/logs/$t.log" 2>&1 || { echo "$t: stopped with a finding, see Fuzz/logs/$t.log"; return 1; }
    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$fuzz/logs/$t.log" || true
}

case $1 in
build)
    shift
    build "$@"
    ;;
seeds) seeds ;;
list) echo $targets ;;
repro)
    t=$2
    shift 2
    SWIFT_BACKTRACE=enable=no "$(binary "$t")" -detect_leaks=0 "$@"
    ;;
all)
    build
    status=0
    for t in $targets; do run "$t" "${2:-600}" || status=1; done
    exit $status
    ;;
"" | -h | --help) sed -n '2,12p' "$0" ;;
*)
    case " $targets " in *" $1 "*) ;; *) echo "unknown target $1 (one of: $targets)" >&2; exit 2 ;; esac
    [ -x "$(binary "$1")" ] || build
    run "$@"
    ;;
esac
