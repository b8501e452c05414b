#!/usr/bin/env bash
# ctest's smoke run of the end-to-end cycle benchmark (label `bench`): 8 resources,
# 1 run, the 20 ms proxy, the daemon rows, and the report spliced into a copy of
# docs/performance.md. Fails when a step fails, a row is missing, or the no-op cycle
# makes more requests than the physical minimum.
#   smoke.sh <driftless binary> <python with moto and boto3> <source dir>
set -euo pipefail
driftless=$1 python=${2:-} src=$3
if [ -z "$python" ]; then
  echo "cycle bench smoke: no Python with moto configured (run ./scripts/deps, then configure with -DDRIFTLESS_PYTHON)" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/driftless-cycle-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$python" "$src/bench/cycle/run.py" --driftless "$driftless" --n 8 --runs 1 --latency 20 \
  --latency-runs 1 --scale 0 --work "$work/cycle" --out "$work/cycle.md" --command smoke
cp "$src/docs/performance.md" "$work/performance.md"
"$python" "$src/bench/cycle/report.py" --doc "$work/performance.md" --cycle-md "$work/cycle.md"
for want in "driftless cold apply" "baseline, 64 threads" "daemon, no-op cycle" \
            "20 ms | driftless plan" "cycle with 10 changed resources"; do
  if ! grep -q -- "$want" "$work/performance.md"; then
    echo "cycle bench smoke: the report has no row '$want'" >&2
    exit 1
  fi
done
if ! grep -E "physical minimum.*\| yes \|$" "$work/performance.md" >/dev/null; then
  echo "cycle bench smoke: the no-op cycle made more requests than the minimum:" >&2
  grep "physical minimum" "$work/performance.md" >&2
  exit 1
fi
echo "cycle bench smoke: ok ($(grep 'physical minimum' "$work/performance.md" | cut -d'|' -f3 | xargs))"
