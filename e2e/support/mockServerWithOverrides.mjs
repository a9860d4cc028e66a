// Runs the built mock server in its own process with configuration the CLI has no flag
// for (such as a deposit lifetime of a few seconds), given as JSON in argv[2].
import { startMockServer } from '../../packages/mock-server/dist/index.js';

const server = await startMockServer(JSON.parse(process.argv[2] ?? '{}'));
console.log(`paysocket mock server listening on ${server.url}`);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
