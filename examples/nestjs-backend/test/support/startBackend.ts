import { fileURLToPath } from 'node:url';
import { startProcess, type StartedProcess } from '../../../../e2e/support/ChildProcessGroup';

/** The MoMo merchant the backend and the fake provider both know in these tests. */
export const TEST_MOMO = {
  partnerCode: 'MOMONEST0001',
  accessKey: 'nest-test-access-key',
  secretKey: 'nest-test-secret-key-that-only-the-tests-know',
} as const;

export const TEST_JWT_SECRET = 'nest-test-jwt-secret-0123456789abcdef0123';
export const ALLOWED_ORIGIN = 'http://wallet.test:5173';

const exampleDir = fileURLToPath(new URL('../..', import.meta.url));

export interface Backend {
  url: string;
  process: StartedProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface BackendOptions {
  /** The fake provider's API base, e.g. `http://127.0.0.1:1234/mock-momo`. */
  momoEndpoint: string;
  databasePath: string;
  redisUrl?: string;
  env?: Record<string, string>;
}

/**
 * Starts the NestJS backend from its sources in a process of its own (tsx; the app needs
 * no decorator metadata), on a free port, and resolves once it prints its address.
 */
export async function startBackend(options: BackendOptions): Promise<Backend> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_JWT_SECRET,
    ALLOWED_ORIGINS: ALLOWED_ORIGIN,
    MOMO_PARTNER_CODE: TEST_MOMO.partnerCode,
    MOMO_ACCESS_KEY: TEST_MOMO.accessKey,
    MOMO_SECRET_KEY: TEST_MOMO.secretKey,
    MOMO_ENDPOINT: options.momoEndpoint,
    DATABASE_PATH: options.databasePath,
    ...options.env,
  };
  delete env.PUBLIC_URL;
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  else delete env.REDIS_URL;
  const { process: started, match } = await startProcess(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts'],
    {
      cwd: exampleDir,
      env,
      ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
      timeoutMs: 45_000,
      name: 'NestJS backend',
    },
  );
  return {
    url: match[1] as string,
    process: started,
    stop: (signal) => started.stop(signal),
  };
}
