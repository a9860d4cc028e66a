import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../scripts/chromiumLaunch';
import { startProcess, type StartedProcess } from './ChildProcessGroup';
import { freePort } from './freePort';
import {
  chromiumPath,
  exampleDir,
  mockServerCli,
  mockServerWithOverrides,
  nestBackendMain,
  viteBin,
  type ExampleName,
} from './paths';

/** The MoMo merchant credentials the mock server signs and verifies IPNs with in these tests. */
export const TEST_MOMO = {
  partnerCode: 'MOMOE2E00000',
  accessKey: 'e2e-access-key',
  secretKey: 'e2e-secret-key-that-only-the-tests-know',
} as const;

export interface StackOptions {
  example?: ExampleName;
  /**
   * The backend behind the page: the mock server (default), or the NestJS example, which
   * then talks to a mock server of its own as its MoMo (the fake provider's API and pay page).
   */
  backend?: 'mock-server' | 'nestjs';
  /** Extra environment for the mock server. */
  serverEnv?: Record<string, string>;
  /**
   * Configuration the CLI has no flag for (e.g. `depositTtlMs`): the server then starts
   * through its public `startMockServer()` in a process of its own instead of the CLI.
   */
  serverConfig?: Record<string, unknown>;
}

export interface Stack {
  /** The wallet page's origin; it also forwards the API, socket and fake MoMo page. */
  pageUrl: string;
  /** The backend's own origin. */
  serverUrl: string;
  browser: Browser;
  /** A fresh browser context (its own cookies) with one page on the wallet. */
  openWallet(): Promise<{ context: BrowserContext; page: Page }>;
  /** A new page in the context that plays the phone scanning QR codes (shared, no cookies needed). */
  openPhonePage(): Promise<Page>;
  /** Kills the mock server the hard way (SIGKILL), as a crash would. */
  killServer(): Promise<void>;
  /** Starts the mock server again on the same port with the same database file. */
  startServer(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the mock server (its own process, a free port, a temporary SQLite file), the
 * built example behind `vite preview` with the API forwarded to that server, and Chromium.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const example = options.example ?? 'react-wallet';
  const nest = options.backend === 'nestjs';
  if (nest && options.serverConfig)
    throw new TypeError('serverConfig configures the mock server, not the NestJS backend');
  const dataDir = mkdtempSync(join(tmpdir(), 'paysocket-e2e-'));
  const [serverPort, pagePort] = await Promise.all([freePort(), freePort()]);
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  const pageUrl = `http://127.0.0.1:${pagePort}`;
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    JWT_SECRET: 'e2e-jwt-secret-0123456789abcdef0123456789',
    ALLOWED_ORIGINS: `${pageUrl},http://localhost:${pagePort}`,
    PUBLIC_URL: pageUrl,
    DATABASE_PATH: join(dataDir, 'paysocket.db'),
    MOMO_PARTNER_CODE: TEST_MOMO.partnerCode,
    MOMO_ACCESS_KEY: TEST_MOMO.accessKey,
    MOMO_SECRET_KEY: TEST_MOMO.secretKey,
    ...options.serverEnv,
  };
  delete serverEnv.REDIS_URL;

  let server: StartedProcess | null = null;
  let provider: StartedProcess | null = null;
  let preview: StartedProcess | null = null;
  let browser: Browser | null = null;

  async function startProvider() {
    const env: NodeJS.ProcessEnv = { ...serverEnv, DATABASE_PATH: join(dataDir, 'momo.db') };
    // The phone opens the pay page on the provider's own origin, as with MoMo.
    delete env.PUBLIC_URL;
    const started = await startProcess(
      process.execPath,
      [mockServerCli, '--port', '0', '--host', '127.0.0.1'],
      { cwd: dataDir, env, ready: /http:\/\/127\.0\.0\.1:\d+/, name: 'fake MoMo provider' },
    );
    provider = started.process;
    return started.match[0];
  }

  async function startServer() {
    if (nest) {
      const started = await startProcess(process.execPath, [nestBackendMain], {
        cwd: dataDir,
        env: { ...serverEnv, PORT: String(serverPort) },
        ready: /http:\/\/[\w.[\]:-]+:\d+/,
        name: 'NestJS backend',
      });
      server = started.process;
      return;
    }
    const args = options.serverConfig
      ? [
          mockServerWithOverrides,
          JSON.stringify({ ...options.serverConfig, port: serverPort, host: '127.0.0.1' }),
        ]
      : [mockServerCli, '--port', String(serverPort), '--host', '127.0.0.1'];
    const started = await startProcess(process.execPath, args, {
      cwd: dataDir,
      env: serverEnv,
      ready: /http:\/\/[\w.[\]:-]+:\d+/,
      name: 'mock server',
    });
    server = started.process;
  }

  async function close() {
    await browser?.close().catch(() => undefined);
    await Promise.all([server?.stop(), preview?.stop(), provider?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }

  try {
    if (nest) serverEnv.MOMO_ENDPOINT = `${await startProvider()}/mock-momo`;
    await startServer();
    const startedPreview = await startProcess(
      process.execPath,
      [
        viteBin(example),
        'preview',
        '--host',
        '127.0.0.1',
        '--port',
        String(pagePort),
        '--strictPort',
      ],
      {
        cwd: exampleDir(example),
        env: { ...process.env, PAYSOCKET_SERVER_URL: serverUrl },
        ready: /http:\/\/127\.0\.0\.1:\d+/,
        name: `vite preview (${example})`,
      },
    );
    preview = startedPreview.process;
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  } catch (error) {
    await close();
    throw error;
  }
  const launched = browser;
  let phone: Promise<BrowserContext> | null = null;

  return {
    pageUrl,
    serverUrl,
    browser: launched,
    async openWallet() {
      const context = await launched.newContext({ baseURL: pageUrl, locale: 'vi-VN' });
      const page = await context.newPage();
      await page.goto('/');
      return { context, page };
    },
    async openPhonePage() {
      phone ??= launched.newContext();
      return (await phone).newPage();
    },
    async killServer() {
      await server?.stop('SIGKILL');
    },
    startServer,
    close,
  };
}
