#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer and runs them.
#
#   Fuzz/run.sh                                   every target, a fixed number of runs each (CI)
#   Fuzz/run.sh FuzzStoredHashes                  one target, the same short run
#   Fuzz/run.sh FuzzStoredHashes -max_total_time=600 -jobs=2    one target, longer (libFuzzer options)
#   Fuzz/run.sh FuzzStoredHashes crash-1a2b3c     replay a file (any argument that is a file)
#
# Each run fuzzes a temporary copy of the committed corpus (Fuzz/Corpus/<Target>), so the checkout is
# never modified; set FUZZ_KEEP_CORPUS=1 to fuzz the committed corpus in place and keep what is found.
# A crashing input is saved in Fuzz/.build/fuzz-artifacts/ and printed as base64. The exit status is
# non-zero if any target crashed, leaked, timed out or failed a property check.
#
# Environment: FUZZ_SEED sets the short runs' seed (default 1; 0 = random); FUZZ_RUNS_SCALE multiplies every target's run count (default 1); FUZZ_CONFIGURATION is
# release (default) or debug; FUZZ_SANITIZERS is passed to -sanitize= (default fuzzer,address).
set -euo pipefail
# Paths given as arguments (inputs to replay, a -dict=...) are relative to the caller's folder.
arguments=()
for argument in "$@"; do
    if [ -e "$argument" ]; then arguments+=("$(realpath "$argument")"); else arguments+=("$argument"); fi
done
set -- "${arguments[@]+"${arguments[@]}"}"
cd "$(dirname "$0")"

# On a crash, Swift's backtracer keeps the output pipe open while it symbolicates and waits, so a
# piped run hangs until CI kills it; libFuzzer prints its own stack trace anyway.
export SWIFT_BACKTRACE=enable=no

configuration=${FUZZ_CONFIGURATION:-release}
sanitizers=${FUZZ_SANITIZERS:-fuzzer,address}
scale=${FUZZ_RUNS_SCALE:-1}

# Target, runs in CI, longest input, seconds allowed per input. The run counts keep every target
# under about 10 seconds on a busy 2-core machine (Documentation/Fuzzing.md has the measurements); the
# password targets are bounded by input length and a per-input timeout, since their work grows
# with the input.
targets=(
    "FuzzEncodings             50000  4096  5"
    "FuzzIdentifiers           50000   600  5"
    "FuzzStoredHashes           4000  2100  5"
    "FuzzOTPAuthURI           120000  2100  5"
    "FuzzTypedCodes            20000   128  5"
    "FuzzOpaqueTokens         150000   256  5"
    "FuzzSealedSecrets        150000   512  5"
    "FuzzPasswordPolicy         1200  1024 10"
    "FuzzPasswordStrength      20000   512 10"
    "FuzzBreachedPasswordFile 200000  4096  5"
    "FuzzPolicyDocument        30000  4096  5"
    "FuzzCasbinPolicy          12000  2048  5"
    "FuzzPermissions          200000   160  5"
    "FuzzAuditExport           60000  8192  5"
    "FuzzSourceAddress        500000    64  5"
    "FuzzLoginIdentifier      100000  1100  5"
)

printf '==> building the fuzz targets (%s, -sanitize=%s)\n' "$configuration" "$sanitizers"
build_start=$(date +%s)
swift build -c "$configuration" -Xswiftc "-sanitize=$sanitizers" -Xswiftc -DCRMAUTH_LIBFUZZER
bin=$(swift build -c "$configuration" --show-bin-path)
echo "built in $(($(date +%s) - build_start)) s"

artifacts=$PWD/.build/fuzz-artifacts
mkdir -p "$artifacts"
work=$(mktemp -d "${TMPDIR:-/tmp}/crmauth-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

selected=${1:-}
[ $# -gt 0 ] && shift
failures=0
found=0
for row in "${targets[@]}"; do
    read -r name runs max_len timeout <<<"$row"
    [ -z "$selected" ] || [ "$selected" = "$name" ] || continue
    found=1
    if [ "${FUZZ_KEEP_CORPUS:-0}" = 1 ]; then
        corpus=Corpus/$name
        mkdir -p "$corpus"
    else
        corpus=$work/$name
        mkdir -p "$corpus"
        cp -R "Corpus/$name/." "$corpus/" 2>/dev/null || true
    fi
    options=(-max_len="$max_len" -timeout="$timeout" -artifact_prefix="$artifacts/$name-" -print_final_stats=1)
    if [ $# -gt 0 ]; then
        options+=("$@")
    else
        # The short runs use a fixed seed, so a CI run is reproducible and cannot turn red at random on
        # an input nobody has seen yet; FUZZ_SEED=0 lets libFuzzer pick a new seed each run.
        options+=(-runs=$((runs * scale)) -seed="${FUZZ_SEED:-1}")
    fi
    # A file argument means "replay it": libFuzzer runs the inputs given and fuzzes nothing.
    replay=0
    for argument in "$@"; do [ -f "$argument" ] && replay=1; done
    log=$work/$name.log
    touch "$work/$name.start"
    start=$(date +%s%N)
    set +e
    if [ "$replay" = 1 ]; then
        "$bin/$name" "${options[@]}" >"$log" 2>&1
    else
        "$bin/$name" "${options[@]}" "$corpus" >"$log" 2>&1
    fi
    status=$?
    set -e
    elapsed=$((($(date +%s%N) - start) / 1000000))
    executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1 || true)
    if [ "$status" = 0 ]; then
        printf '%-26s ok      %8s runs %7d ms %7s exec/s  %s\n' "$name" "${executed:-?}" "$elapsed" "${rate:-?}" "$coverage"
    else
        failures=$((failures + 1))
        printf '%-26s FAILED  exit %d after %d ms; the end of its log:\n' "$name" "$status" "$elapsed"
        grep -vE '^(#[0-9]+|INFO:|MS:|stat::)' "$log" | tail -40 | sed 's/^/    /'
        for crash in "$artifacts/$name"-*; do
            [ -f "$crash" ] && [ "$crash" -nt "$work/$name.start" ] || continue
            printf '    reproducer %s (base64): %s\n' "$crash" "$(head -c 4096 "$crash" | base64 -w0)"
        done
    fi
done
[ "$found" = 1 ] || { echo "no fuzz target named $selected"; exit 2; }
if [ "$failures" -gt 0 ]; then
    echo "$failures fuzz target(s) failed; Documentation/Fuzzing.md says how to reproduce a crash"
    exit 1
fi
