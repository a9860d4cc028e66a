#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from './config';
import { startMockServer } from './createMockServer';

const USAGE = `Usage: paysocket-mock-server [--port N] [--host H]

  --port N   port to listen on (0 = any free port); overrides PORT
  --host H   address to bind; overrides HOST
Environment: PORT, HOST, JWT_SECRET, ALLOWED_ORIGINS, MOMO_PARTNER_CODE, MOMO_ACCESS_KEY,
MOMO_SECRET_KEY, MOMO_ENDPOINT, MOMO_REDIRECT_URL, PUBLIC_URL, DATABASE_PATH, DEPOSIT_TTL_SECONDS,
RECONCILE_AFTER_SECONDS, METRICS_TOKEN, NODE_ENV`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const overrides: { port?: number; host?: string } = {};
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
      throw new ConfigError(`--port must be a port number (0-65535), got "${values.port}"`);
    }
    overrides.port = Number(values.port);
  }
  if (values.host !== undefined) overrides.host = values.host;
  const server = await startMockServer(overrides);
  const { config } = server;
  console.log(`paysocket mock server listening on ${server.url}`);
  if (config.publicUrl)
    console.log(
      `fake MoMo page reachable for phones at ${config.publicUrl}/mock-momo/pay/:orderId`,
    );
  console.log(`MoMo API: ${config.momoEndpoint ?? `${server.url}/mock-momo (the fake provider)`}`);
  if (!config.production)
    console.log('development mode: dev login, confirm-deposit and the fake MoMo provider are on');
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `paysocket-mock-server: ${error.message}` : error);
  process.exit(1);
});
