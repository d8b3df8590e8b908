#!/usr/bin/env bash
# Builds the libFuzzer targets (the "fuzz" preset: clang, ASan, UBSan) and runs each for
# SECONDS (default 600), two at a time, starting from the committed seeds in
# tests/fuzz/corpus/<target>/. New inputs the fuzzer finds go to build/fuzz/corpus/<target>/
# (copy the interesting ones into the committed corpus); crashes to build/fuzz/findings/.
# Prints, per target, the executions run and whether anything was found.
#   bash tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_image_header fuzz_project fuzz_model_manifest fuzz_safetensors fuzz_c2pa)
fi
if ! command -v clang++ >/dev/null; then
  echo "run.sh: clang++ is needed (apt-get install clang)" >&2
  exit 2
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)"
mkdir -p build/fuzz/findings build/fuzz/logs
run_one() {
  local t="$1"
  mkdir -p "build/fuzz/corpus/$t"
  # Bounded inputs and memory: a hang or a blow-up is a finding, not a stalled run.
  "build/fuzz/tests/fuzz/$t" "build/fuzz/corpus/$t" "tests/fuzz/corpus/$t" \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -timeout=20 \
    -print_final_stats=1 -artifact_prefix="build/fuzz/findings/$t-" \
    >"build/fuzz/logs/$t.log" 2>&1 || true
  local execs
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "build/fuzz/logs/$t.log" | grep -o '[0-9]*$' || true)
  local found
  found=$(ls build/fuzz/findings/ 2>/dev/null | grep -c "^$t-" || true)
  printf '%-22s %12s executions  %s finding(s)  (log: build/fuzz/logs/%s.log)\n' \
    "$t" "${execs:-?}" "$found" "$t"
}
jobs_running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  jobs_running=$((jobs_running + 1))
  if [ "$jobs_running" -ge 2 ]; then
    wait -n
    jobs_running=$((jobs_running - 1))
  fi
done
wait
