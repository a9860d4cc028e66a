import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}, 30_000);

function run(args: string[], env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'paysocket-cli-'));
  dirs.push(dir);
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: join(dir, 'cli.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const firstUrl = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /http:\/\/[^\s]+:\d+/.exec(output);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  // Tests that expect the process to fail never await the URL.
  firstUrl.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, firstUrl, exit, output: () => output };
}

describe('paysocket-mock-server CLI', { timeout: 30_000 }, () => {
  it('listens on a free port and prints its URL; the server answers there', async () => {
    const { firstUrl } = run(['--port', '0', '--host', '127.0.0.1'], {});
    const url = await firstUrl;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'cli-user' }),
    });
    expect(response.status).toBe(200);
  });

  it('refuses to start in production with dev-default secrets', async () => {
    const { exit, output } = run(['--port', '0'], { NODE_ENV: 'production' });
    expect(await exit).toBe(1);
    expect(output()).toMatch(/JWT_SECRET is required/);
  });

  it('refuses a bad --port', async () => {
    const { exit, output } = run(['--port', 'eighty'], {});
    expect(await exit).toBe(1);
    expect(output()).toMatch(/--port must be a port number/);
  });
});
