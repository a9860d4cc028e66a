/** Everything the mock server needs; {@link loadConfig} fills it from env with dev defaults. */
export interface MockServerConfig {
  /** Port to listen on; 0 picks a free one. Defaults to `4000` (env `PORT`). */
  port: number;
  /** Address to bind. Defaults to `127.0.0.1`, or `0.0.0.0` when `PUBLIC_URL` is set (env `HOST`). */
  host: string;
  /** `production` refuses the dev login, confirm-deposit, the fake MoMo page and dev-default secrets. */
  production: boolean;
  /** HS256 secret of the access tokens (env `JWT_SECRET`). */
  jwtSecret: string;
  /** Browser origins allowed to call the API and open sockets, matched exactly (env `ALLOWED_ORIGINS`). */
  allowedOrigins: string[];
  /** MoMo credentials (env `MOMO_PARTNER_CODE`, `MOMO_ACCESS_KEY`, `MOMO_SECRET_KEY`). */
  momo: { partnerCode: string; accessKey: string; secretKey: string };
  /**
   * MoMo's API base (env `MOMO_ENDPOINT`): `https://test-payment.momo.vn` for MoMo's test
   * environment, `https://payment.momo.vn` for production. Undefined in development means the
   * server's own fake provider at `{server}/mock-momo`; production requires it.
   */
  momoEndpoint: string | undefined;
  /** Where MoMo sends the payer back (env `MOMO_REDIRECT_URL`); defaults to `{PUBLIC_URL or server}/`. */
  momoRedirectUrl: string | undefined;
  /** Address a phone uses to reach the fake MoMo page, and MoMo the IPN callback (env `PUBLIC_URL`). */
  publicUrl: string | undefined;
  /** SQLite file, or `:memory:`. Defaults to `paysocket-mock.db` (env `DATABASE_PATH`). */
  databasePath: string;
  /** How long a deposit's QR stays payable. Defaults to 15 minutes. */
  depositTtlMs: number;
  /**
   * When a pending deposit is first queried at MoMo, after creation; later queries back off
   * (see `nextReconcileAt`). Defaults to 30 s (env `RECONCILE_AFTER_SECONDS`).
   */
  reconcileAfterMs: number;
  /** Longest wait between two queries of one deposit. Defaults to 5 minutes. */
  reconcileMaxIntervalMs: number;
  /** MoMo queries in flight at once. Defaults to 4. */
  reconcileConcurrency: number;
  /** How long a withdrawal stays pending before it completes. Defaults to 1500 ms. */
  withdrawalDelayMs: number;
  /** Lifetime of dev-login tokens. Defaults to 12 hours. */
  tokenTtlSeconds: number;
  /** Largest request body accepted, in bytes. Defaults to 16 KiB. */
  maxBodyBytes: number;
  /**
   * Bearer token `GET /metrics` requires (env `METRICS_TOKEN`). Unset: open in development,
   * 404 in production.
   */
  metricsToken: string | undefined;
}

/** A configuration the server refuses to start with. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Secrets used when none are configured, outside production only. */
export const DEV_DEFAULTS = {
  jwtSecret: 'paysocket-dev-jwt-secret-not-for-production',
  momo: {
    partnerCode: 'MOMO_DEV',
    accessKey: 'paysocket-dev-access-key',
    secretKey: 'paysocket-dev-secret-key-not-for-production',
  },
} as const;

/**
 * Builds the configuration from env (the names of DESIGN.md) and explicit overrides
 * (CLI flags, tests). Throws {@link ConfigError} for values that make no sense, and in
 * production for any secret left at, or equal to, its dev default.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<MockServerConfig> = {},
): MockServerConfig {
  const production = overrides.production ?? env.NODE_ENV === 'production';
  const publicUrl =
    overrides.publicUrl ??
    (env.PUBLIC_URL ? normalizeOrigin(env.PUBLIC_URL, 'PUBLIC_URL') : undefined);
  const reconcileAfterMs =
    overrides.reconcileAfterMs ??
    (env.RECONCILE_AFTER_SECONDS
      ? parseSeconds(env.RECONCILE_AFTER_SECONDS, 'RECONCILE_AFTER_SECONDS', 24 * 60 * 60) * 1000
      : 30_000);
  const config: MockServerConfig = {
    port: overrides.port ?? parsePort(env.PORT ?? '4000', 'PORT'),
    host: overrides.host ?? env.HOST ?? (publicUrl ? '0.0.0.0' : '127.0.0.1'),
    production,
    jwtSecret:
      overrides.jwtSecret ??
      env.JWT_SECRET ??
      secretDefault(production, 'JWT_SECRET', DEV_DEFAULTS.jwtSecret),
    allowedOrigins:
      overrides.allowedOrigins ??
      (env.ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0)
        .map((origin) => normalizeOrigin(origin, 'ALLOWED_ORIGINS')),
    momo: overrides.momo ?? {
      partnerCode:
        env.MOMO_PARTNER_CODE ??
        secretDefault(production, 'MOMO_PARTNER_CODE', DEV_DEFAULTS.momo.partnerCode),
      accessKey:
        env.MOMO_ACCESS_KEY ??
        secretDefault(production, 'MOMO_ACCESS_KEY', DEV_DEFAULTS.momo.accessKey),
      secretKey:
        env.MOMO_SECRET_KEY ??
        secretDefault(production, 'MOMO_SECRET_KEY', DEV_DEFAULTS.momo.secretKey),
    },
    momoEndpoint:
      overrides.momoEndpoint ??
      (env.MOMO_ENDPOINT
        ? parseHttpUrl(env.MOMO_ENDPOINT, 'MOMO_ENDPOINT').replace(/\/+$/, '')
        : undefined),
    momoRedirectUrl:
      overrides.momoRedirectUrl ??
      (env.MOMO_REDIRECT_URL
        ? parseHttpUrl(env.MOMO_REDIRECT_URL, 'MOMO_REDIRECT_URL')
        : undefined),
    publicUrl,
    databasePath: overrides.databasePath ?? env.DATABASE_PATH ?? 'paysocket-mock.db',
    depositTtlMs:
      overrides.depositTtlMs ??
      (env.DEPOSIT_TTL_SECONDS
        ? parseSeconds(env.DEPOSIT_TTL_SECONDS, 'DEPOSIT_TTL_SECONDS', MAX_DEPOSIT_TTL_SECONDS) *
          1000
        : 15 * 60 * 1000),
    reconcileAfterMs,
    reconcileMaxIntervalMs:
      overrides.reconcileMaxIntervalMs ?? Math.max(5 * 60 * 1000, reconcileAfterMs),
    reconcileConcurrency: overrides.reconcileConcurrency ?? 4,
    withdrawalDelayMs: overrides.withdrawalDelayMs ?? 1500,
    tokenTtlSeconds: overrides.tokenTtlSeconds ?? 12 * 60 * 60,
    maxBodyBytes: overrides.maxBodyBytes ?? 16 * 1024,
    metricsToken: overrides.metricsToken ?? (env.METRICS_TOKEN || undefined),
  };
  if (production) {
    if (
      config.jwtSecret === DEV_DEFAULTS.jwtSecret ||
      config.momo.secretKey === DEV_DEFAULTS.momo.secretKey ||
      config.momo.accessKey === DEV_DEFAULTS.momo.accessKey ||
      config.momo.partnerCode === DEV_DEFAULTS.momo.partnerCode
    ) {
      throw new ConfigError('NODE_ENV=production refuses the development secrets');
    }
    if (!config.momoEndpoint) {
      throw new ConfigError(
        "MOMO_ENDPOINT is required when NODE_ENV=production (https://payment.momo.vn, or https://test-payment.momo.vn for MoMo's test environment)",
      );
    }
    if (config.jwtSecret.length < 32) {
      throw new ConfigError('JWT_SECRET must be at least 32 characters in production');
    }
    if (config.metricsToken !== undefined && config.metricsToken.length < 16) {
      throw new ConfigError('METRICS_TOKEN must be at least 16 characters in production');
    }
  }
  return config;
}

function secretDefault(production: boolean, name: string, value: string): string {
  if (production) throw new ConfigError(`${name} is required when NODE_ENV=production`);
  return value;
}

function parsePort(value: string, name: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new ConfigError(`${name} must be a port number (0-65535), got "${value}"`);
  return port;
}

/** A year: far past any payment link's life, and well inside what a Date can hold. */
const MAX_DEPOSIT_TTL_SECONDS = 365 * 24 * 60 * 60;

function parseSeconds(value: string, name: string, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > max)
    throw new ConfigError(
      `${name} must be a whole number of seconds from 1 to ${max}, got "${value}"`,
    );
  return number;
}

/** An http(s) URL without query or fragment, as `URL.href`. */
function parseHttpUrl(value: string, name: string): string {
  normalizeOrigin(value, name);
  const url = new URL(value);
  if (url.search || url.hash) throw new ConfigError(`${name}: "${value}" must not carry ? or #`);
  return url.href;
}

function normalizeOrigin(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name}: "${value}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name}: "${value}" must be http or https`);
  }
  return url.origin;
}
