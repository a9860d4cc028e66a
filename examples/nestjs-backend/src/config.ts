/** Everything the backend reads from its environment (the names of the reference server). */
export interface BackendConfig {
  port: number;
  host: string;
  production: boolean;
  jwtSecret: string;
  /** Browser origins allowed to open sockets and call the API, matched exactly. */
  allowedOrigins: string[];
  momo: { partnerCode: string; accessKey: string; secretKey: string };
  /** MoMo's API base: `https://test-payment.momo.vn`, `https://payment.momo.vn`, or a fake provider. */
  momoEndpoint: string;
  /** The address MoMo posts IPNs to and sends the payer back to. Defaults to this server's own. */
  publicUrl: string | undefined;
  /** SQLite file (`:memory:` for single-node only): wallets, transactions, revoked tokens. */
  databasePath: string;
  /** Multi-node mode: the Socket.IO Redis adapter and the event log in Redis. */
  redisUrl: string | undefined;
  depositTtlMs: number;
  /** A pending deposit with no final IPN is first queried at MoMo this long after creation, then with backoff. */
  reconcileAfterMs: number;
  withdrawalDelayMs: number;
  tokenTtlSeconds: number;
  /** Production: `GET /metrics` needs `Authorization: Bearer <METRICS_TOKEN>`; unset, it answers 404. */
  metricsToken: string | undefined;
}

/** A configuration the backend refuses to start with. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEV_JWT_SECRET = 'paysocket-dev-jwt-secret-not-for-production';
const DEV_MOMO = {
  partnerCode: 'MOMO_DEV',
  accessKey: 'paysocket-dev-access-key',
  secretKey: 'paysocket-dev-secret-key-not-for-production',
};
/** The mock server's CLI on its default port, whose fake MoMo provider stands in for MoMo in development. */
const DEV_MOMO_ENDPOINT = 'http://127.0.0.1:4000/mock-momo';

/**
 * Reads the configuration. In production every secret and the MoMo endpoint must be set
 * and differ from the development defaults, which exist only so that a laptop runs it as is.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): BackendConfig {
  const production = env.NODE_ENV === 'production';
  const required = (name: string, devDefault: string): string => {
    const value = env[name];
    if (value) {
      if (production && value === devDefault)
        throw new ConfigError(`${name} is the development default; set your own`);
      return value;
    }
    if (production) throw new ConfigError(`${name} must be set when NODE_ENV=production`);
    return devDefault;
  };
  const publicUrl = env.PUBLIC_URL ? origin(env.PUBLIC_URL, 'PUBLIC_URL') : undefined;
  return {
    port: integer(env.PORT ?? '3000', 'PORT', 0, 65_535),
    host: env.HOST ?? (publicUrl ? '0.0.0.0' : '127.0.0.1'),
    production,
    jwtSecret: required('JWT_SECRET', DEV_JWT_SECRET),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0)
      .map((entry) => origin(entry, 'ALLOWED_ORIGINS')),
    momo: {
      partnerCode: required('MOMO_PARTNER_CODE', DEV_MOMO.partnerCode),
      accessKey: required('MOMO_ACCESS_KEY', DEV_MOMO.accessKey),
      secretKey: required('MOMO_SECRET_KEY', DEV_MOMO.secretKey),
    },
    momoEndpoint: required('MOMO_ENDPOINT', DEV_MOMO_ENDPOINT).replace(/\/+$/, ''),
    publicUrl,
    databasePath: env.DATABASE_PATH ?? 'paysocket-nest.db',
    redisUrl: env.REDIS_URL || undefined,
    depositTtlMs:
      integer(env.DEPOSIT_TTL_SECONDS ?? '900', 'DEPOSIT_TTL_SECONDS', 1, 86_400) * 1000,
    reconcileAfterMs:
      integer(env.RECONCILE_AFTER_SECONDS ?? '30', 'RECONCILE_AFTER_SECONDS', 1, 86_400) * 1000,
    withdrawalDelayMs: integer(
      env.WITHDRAWAL_DELAY_MS ?? '1500',
      'WITHDRAWAL_DELAY_MS',
      0,
      600_000,
    ),
    tokenTtlSeconds: 12 * 60 * 60,
    metricsToken: env.METRICS_TOKEN || undefined,
  };
}

function integer(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
}

function origin(text: string, name: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  } catch {
    // reported below
  }
  throw new ConfigError(`${name}: "${text}" is not an http(s) origin`);
}
