#!/usr/bin/env bash
# The one-command demo: installs, builds, then runs the mock server (REST + Socket.IO +
# the fake MoMo page) and the wallet page together, and prints the URL to open.
# Ctrl-C stops both.
#
#   pnpm demo                                        # or: bash scripts/demo.sh
#   PUBLIC_URL=http://192.168.1.23:5173 pnpm demo    # pay from a phone on the same network
#
# Environment: PORT (mock server, default 4000), WALLET_PORT (wallet page, default 5173),
# DATABASE_PATH (default ./paysocket-demo.db: balances survive a restart), PUBLIC_URL,
# and every other variable of the mock server (JWT_SECRET, MOMO_*, ALLOWED_ORIGINS...).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

server_port="${PORT:-4000}"
wallet_port="${WALLET_PORT:-5173}"

bash scripts/ensure-pnpm.sh
echo "paysocket demo: installing dependencies"
pnpm install --no-frozen-lockfile --reporter=silent
echo "paysocket demo: building the packages and the wallet page"
pnpm run --silent build >/dev/null
pnpm --filter ./examples/react-wallet run --silent build >/dev/null

# The wallet page forwards /api, /socket.io, /mock-momo and /metrics to the mock server,
# so page and API share one origin and the session cookie is first-party on any host name.
# The mock server checks that origin, so it must be on its allowlist.
origins="http://localhost:${wallet_port},http://127.0.0.1:${wallet_port}"
wallet_host="127.0.0.1"
if [ -n "${PUBLIC_URL:-}" ]; then
  public_origin="$(node -e 'console.log(new URL(process.argv[1]).origin)' "$PUBLIC_URL")"
  public_host="$(node -e 'console.log(new URL(process.argv[1]).hostname)' "$PUBLIC_URL")"
  origins="${origins},${public_origin},http://${public_host}:${wallet_port}"
  # A phone must reach the page (and through it the fake MoMo page) over the network.
  wallet_host="0.0.0.0"
fi
if [ -n "${ALLOWED_ORIGINS:-}" ]; then
  origins="${ALLOWED_ORIGINS},${origins}"
fi

pids=()
stop_all() {
  trap - EXIT INT TERM
  if [ ${#pids[@]} -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  echo
  echo "paysocket demo: stopped"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_for() {
  node -e '
    const [url, name] = process.argv.slice(1);
    const deadline = Date.now() + 30000;
    (async function poll() {
      try { await fetch(url); process.exit(0); }
      catch {
        if (Date.now() > deadline) { console.error(`paysocket demo: ${name} did not start (${url})`); process.exit(1); }
        setTimeout(poll, 200);
      }
    })();' "$1" "$2"
}

ALLOWED_ORIGINS="$origins" DATABASE_PATH="${DATABASE_PATH:-$root/paysocket-demo.db}" \
  node packages/mock-server/dist/cli.js --port "$server_port" &
pids+=($!)
wait_for "http://127.0.0.1:${server_port}/metrics" "the mock server"

(cd examples/react-wallet && PAYSOCKET_SERVER_URL="http://127.0.0.1:${server_port}" \
  exec node node_modules/vite/bin/vite.js preview --host "$wallet_host" --port "$wallet_port" --strictPort \
  >/dev/null) &
pids+=($!)
wait_for "http://127.0.0.1:${wallet_port}/" "the wallet page"

cat <<MSG

  paysocket demo is running

  Open the wallet:   http://localhost:${wallet_port}   (http://127.0.0.1:${wallet_port} works too)
MSG
if [ -n "${PUBLIC_URL:-}" ]; then
  echo "  From a phone:      ${PUBLIC_URL} (the QR code points there too)"
fi
cat <<MSG
  Sign in with any user id, choose an amount and press "Nạp tiền": scan the QR with a
  phone, or open its payment link, then press pay on the fake MoMo page.
  Mock server:       http://127.0.0.1:${server_port}/metrics

  Press Ctrl-C to stop.

MSG

# Either process ending ends the demo (and the trap stops the other).
wait -n "${pids[@]}"
