#!/usr/bin/env bash
# The whole test suite on a fresh Debian/Ubuntu machine with Node 20 and npm:
# installs what is missing, checks types, lint and packages, then runs every test.
# Ends with the line `N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-pnpm.sh
bash scripts/install-system-deps.sh

pnpm install --no-frozen-lockfile
pnpm run typecheck
pnpm run lint
pnpm run format:check
pnpm run build
pnpm --filter "./examples/*" run build
pnpm run build-storybook
pnpm run check:packages
pnpm run size

mkdir -p .vitest
rm -f .vitest/results.json
status=0
# The end-to-end tests (e2e/) run in the same vitest run; here a missing build or browser
# fails them instead of skipping them.
export PAYSOCKET_E2E=required
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.vitest/results.json || status=$?
node scripts/summarize-vitest.mjs .vitest/results.json
exit $status
