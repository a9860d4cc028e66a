#!/usr/bin/env bash
# Makes pnpm 12.4.2 available on a machine that only has Node and npm.
set -euo pipefail
want="12.4.2"
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$want" ]; then
  exit 0
fi
echo "paysocket: installing pnpm@$want"
npm install -g "pnpm@$want" >/dev/null 2>&1 || {
  echo "paysocket: 'npm install -g pnpm@$want' failed (try with sudo)" >&2
  exit 1
}
