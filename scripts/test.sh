#!/usr/bin/env bash
# Runs every test of the product against real PostgreSQL, Redis and Temporal, bringing them up
# first. Ends with one line: "N passed, N failed".
#   scripts/test.sh            everything
#   scripts/test.sh <filter>   only vitest files matching the filter (no lint, no extra suites)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/toolchain.sh
source scripts/lib/env.sh
install_deps
# toolchain.sh turns on errexit; from here on every failure is counted, not fatal.
set +e

bash scripts/services.sh up || { echo "0 passed, 1 failed"; exit 1; }
eval "$(bash scripts/services.sh env)"
export NODE_ENV=test LOG_LEVEL="${LOG_LEVEL:-silent}"

RESULTS="${CACHE_DIR}/test-results"
rm -rf "${RESULTS}" && mkdir -p "${RESULTS}"
passed=0
failed=0
record() { # suite passed failed
  passed=$((passed + $2)); failed=$((failed + $3))
  printf '%-12s %s passed, %s failed\n' "$1" "$2" "$3" >> "${RESULTS}/summary.txt"
}

step() { # name command...: a check that is one test
  local name="$1"; shift
  echo "==> ${name}"
  if "$@"; then record "${name}" 1 0; else record "${name}" 0 1; fi
}

if [[ $# -eq 0 ]]; then
  step typecheck pnpm -s turbo run typecheck --output-logs=errors-only
  step lint pnpm -s turbo run lint --output-logs=errors-only
  step format pnpm -s prettier --check . --log-level warn
fi

echo "==> vitest"
vitest run --reporter=default --reporter=json --outputFile.json="${RESULTS}/vitest.json" "$@"
vitest_rc=$?
if [[ -f "${RESULTS}/vitest.json" ]]; then
  read -r vp vf < <(node -e 'const r=require(process.argv[1]);const broken=r.testResults.filter(f=>f.status==="failed"&&!f.assertionResults.some(a=>a.status==="failed")).length;console.log(r.numPassedTests, r.numFailedTests + broken)' "${RESULTS}/vitest.json")
  # Unhandled errors fail the run without failing a test; count them so the total tells the truth.
  if [[ "${vitest_rc}" -ne 0 && "${vf}" -eq 0 ]]; then vf=1; fi
  record vitest "${vp}" "${vf}"
else
  record vitest 0 1
fi

# Suites with runners of their own write "<passed> <failed>" to $RESULTS/<name>.counts.
if [[ $# -eq 0 ]]; then
  for suite in scripts/test-suites/*.sh; do
    [[ -f "${suite}" ]] || continue
    name="$(basename "${suite}" .sh)"
    echo "==> ${name}"
    if RESULTS_FILE="${RESULTS}/${name}.counts" bash "${suite}" && [[ -f "${RESULTS}/${name}.counts" ]]; then
      read -r sp sf < "${RESULTS}/${name}.counts"
      record "${name}" "${sp}" "${sf}"
    else
      read -r sp sf < "${RESULTS}/${name}.counts" 2>/dev/null || { sp=0; sf=1; }
      [[ "${sf}" -gt 0 ]] || sf=1
      record "${name}" "${sp}" "${sf}"
    fi
  done
fi

echo
cat "${RESULTS}/summary.txt"
echo "${passed} passed, ${failed} failed"
[[ "${failed}" -eq 0 ]]
