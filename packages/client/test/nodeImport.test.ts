import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('in a plain Node process (SSR)', () => {
  it('imports and constructs a client with no DOM globals, and leaves nothing running', async () => {
    const script = `
      const before = ['window', 'document'].map((name) => typeof globalThis[name]);
      const { PaymentSocketClient, isPaymentSocketError } = await import('./packages/client/src/index.ts');
      const client = new PaymentSocketClient({ url: 'http://127.0.0.1:9', autoConnect: false, logger: false });
      client.setUser('alice');
      const status = client.getState().status;
      client.destroy();
      console.log(JSON.stringify({ before, status, after: client.getState().status, guard: isPaymentSocketError(new Error('x')) }));
    `;
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, timeout: 50_000 },
    );
    expect(JSON.parse(stdout)).toEqual({
      before: ['undefined', 'undefined'],
      status: 'connecting',
      after: 'closed',
      guard: false,
    });
  }, 60_000);
});
