#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for SECONDS each, FUZZ_JOBS at a
# time (default 1, so the machine's other cores stay free for the rest), and
# fails if any finds a crash, a sanitizer report, a leak or a broken
# invariant.
#
# Usage: tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#   BUILD_DIR  a build configured with --enable-fuzz (`make fuzz` makes build-asan)
#   TARGET     filter json patch schema validator (default: all)
#
# Each target starts from its seed corpus (tests/fuzz/corpus/NAME, kept in the
# repository) plus what earlier runs found (BUILD_DIR/fuzz/NAME, not kept).
# A failing input is written to BUILD_DIR/fuzz/NAME-crash-…; add it to the
# seed corpus as regression-<what> together with the fix and a unit test.
# Prints one line per target: runs, coverage and CPU seconds used.
set -u
build=${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(filter json patch schema validator)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# fuzz_one NAME: runs one target; prints its line (and the log's tail when
# it fails); returns non-zero on a finding.
fuzz_one() {
  local name=$1 self=$BASHPID fuzzer work log start result ticks cpu runs cov
  fuzzer="$build/tests/fuzz/${name}_fuzzer"
  [ -x "$fuzzer" ] || { echo "fuzz: $fuzzer is not built (make fuzz builds it)"; return 1; }
  work="$build/fuzz/$name"
  mkdir -p "$work"
  log="$build/fuzz/$name.$self.log"  # several runs may share BUILD_DIR
  start=$(awk '{print $14 + $15 + $16 + $17}' /proc/$self/stat)
  # -timeout: one input taking 10 s is a finding (quadratic blow-ups); the
  # RSS limit catches unbounded allocation.
  if "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz/$name-" "$work" "$here/corpus/$name" >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
  fi
  ticks=$(( $(awk '{print $14 + $15 + $16 + $17}' /proc/$self/stat) - start ))
  cpu=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }')
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
  echo "fuzz: $name: $result, ${runs:-?} runs, ${cov:-cov: ?}, ${cpu}s CPU in ${seconds}s"
  if [ "$result" != ok ]; then
    tail -n 40 "$log"
    return 1
  fi
}

# FUZZ_JOBS targets at a time, each in a subshell whose output is printed
# whole, in the targets' order, once its batch ends.
status=0
jobs=${FUZZ_JOBS:-1}
out=$(mktemp -d) || exit 99
trap 'rm -rf "$out"' EXIT
i=0
while [ "$i" -lt ${#targets[@]} ]; do
  batch=("${targets[@]:i:jobs}")
  pids=()
  for name in "${batch[@]}"; do
    fuzz_one "$name" >"$out/$name" 2>&1 &
    pids+=($!)
  done
  for k in "${!batch[@]}"; do
    wait "${pids[$k]}" || status=1
    cat "$out/${batch[$k]}"
  done
  i=$((i + jobs))
done
exit "$status"
