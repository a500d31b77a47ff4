import { isIP } from 'node:net';
import * as path from 'node:path';
import { projectRoot } from './project-root';

/**
 * The service's whole configuration, read from the environment once at boot.
 * Every variable of api.md's configuration table is here; nothing else in the
 * code reads process.env, so a bad value stops start-up in one place with one
 * line naming the variable.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | null;
  databaseReadUrl: string | null;
  /** The direct connection LISTEN and migrations take (never through a transaction pooler); databaseUrl when unset. */
  databaseListenUrl: string | null;
  /** A replica that has not replayed what the primary had this long ago is skipped. */
  databaseReadMaxLagMs: number;
  /** Cache-Control of anonymous list and count answers: max-age and stale-while-revalidate, in seconds. */
  listCache: { maxAgeSeconds: number; staleSeconds: number };
  /** Pool size; the embedded database multiplexes few connections. */
  databasePoolMax: number;
  /** True when databaseUrl points at the embedded database started by this process. */
  embeddedDatabase: boolean;
  embeddedDataDir: string;
  sessionSecret: string;
  sessionCookieSameSite: 'lax' | 'strict' | 'none';
  allowedOrigins: string[];
  twitter: { consumerKey: string; consumerSecret: string; apiUrl: string } | null;
  facebook: { appId: string; appSecret: string; authUrl: string; graphUrl: string; graphVersion: string } | null;
  authSandbox: boolean;
  cmsApiToken: string | null;
  editWindowSeconds: number;
  adminIdentities: { provider: string; providerUserId: string }[];
  policyFile: string;
  reportHideThreshold: number;
  newAccountHoldHours: number;
  rates: {
    commentsPerDay?: number;
    commentsPerArticle?: number;
    commentIntervalSeconds?: number;
    reactionsPerDay?: number;
  };
  ratePolicyChecksPerMinute: number;
  /** TOXICITY_URL: an HTTP classifier the newsroom runs, asked before the built-in model; null: the built-in model alone. */
  toxicityUrl: string | null;
  /** TOXICITY_TIMEOUT_MS: how long a comment waits for it before the built-in model scores instead. */
  toxicityTimeoutMs: number;
  /** Requests a minute before 429: per client IP and per reader (session or widget token), on every route; 0 turns one off. */
  rateLimits: { perIp: number; perReader: number; writesPerIp: number; writesPerReader: number; loginsPerIp: number };
  /** Where the write and login limits are counted, shared by every instance; null counts in memory (one instance). */
  redisUrl: string | null;
  /** Server-side statement_timeout; the client gives up one second later (a frozen server cannot time itself out). */
  databaseStatementTimeoutMs: number;
  databaseConnectTimeoutMs: number;
  /** How long SIGTERM waits for requests in flight (streams end at once with a last frame). */
  shutdownDrainSeconds: number;
  /** A request body not received within this is answered 408. */
  requestBodyTimeoutSeconds: number;
  /** How often a stream looks for events when no notification woke it. */
  livePollSeconds: number;
  /**
   * TRUST_PROXY: which hops in front of the service may say who the client is (X-Forwarded-For), as
   * Fastify's trustProxy takes it. Behind a load balancer or a CDN the socket's address is the proxy's,
   * and every reader would share one per-IP limit; trusting any hop lets a client pick its own address.
   */
  trustProxy: false | number | string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The Graph API version used when FACEBOOK_GRAPH_VERSION is unset: a current one, never passport-facebook's expired v3.2. */
export const DEFAULT_FACEBOOK_GRAPH_VERSION = 'v23.0';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return def;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function optionalInt(env: Env, name: string): number | undefined {
  return str(env, name) === undefined ? undefined : int(env, name, 0, 0, 1_000_000);
}

function bool(env: Env, name: string, def: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return def;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function httpUrl(env: Env, name: string, def?: string): string | undefined {
  const raw = str(env, name) ?? def;
  if (raw === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL: "${raw}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http or https URL, got "${u.protocol}"`);
  }
  return raw.replace(/\/+$/, '');
}

/** A connection URL whose scheme is one of `schemes` (the first names it in errors), or null when unset. */
function serviceUrl(env: Env, name: string, schemes: readonly string[], example: string): { raw: string; url: URL } | null {
  const raw = str(env, name);
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL (expected ${example})`);
  }
  if (!schemes.includes(url.protocol.replace(/:$/, ''))) {
    throw new ConfigError(name, `must start with ${schemes.map((s) => `${s}://`).join(' or ')} (got "${url.protocol}//")`);
  }
  return { raw, url };
}

function postgresUrl(env: Env, name: string): string | null {
  const given = serviceUrl(env, name, ['postgres', 'postgresql'], 'postgres://user@host:port/database');
  if (!given) return null;
  if (!given.url.hostname) throw new ConfigError(name, 'has no host');
  return given.raw;
}

/**
 * `false` (the default), a number of hops (`1`: the one load balancer in front), or a comma-separated list of
 * addresses and CIDR ranges (`10.0.0.0/8,127.0.0.1`). `true` (trust every hop) is refused: any client could then
 * name its own address and escape the per-IP limits.
 */
function trustProxy(env: Env, name: string): false | number | string[] {
  const raw = str(env, name);
  if (raw === undefined || /^(false|0|no)$/i.test(raw)) return false;
  if (/^(true|yes)$/i.test(raw)) throw new ConfigError(name, 'must name the proxies (a hop count such as 1, or addresses and CIDR ranges), not trust every hop');
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(name, `is ${hops} hops; at most 10`);
    return hops;
  }
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw new ConfigError(name, `"${entry}" is not an address or a CIDR range (expected e.g. 1, or 10.0.0.0/8,127.0.0.1)`);
    }
  }
  return entries;
}

function redisUrl(env: Env, name: string): string | null {
  return serviceUrl(env, name, ['redis', 'rediss'], 'redis://host:port')?.raw ?? null;
}

function origins(env: Env, name: string): string[] {
  const raw = str(env, name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((o) => {
      let u: URL;
      try {
        u = new URL(o);
      } catch {
        throw new ConfigError(name, `"${o}" is not an origin like https://news.example.com`);
      }
      if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.pathname !== '/' || u.search || u.hash) {
        throw new ConfigError(name, `"${o}" is not an origin like https://news.example.com (no path)`);
      }
      return u.origin;
    });
}

function adminIdentities(env: Env, name: string): AppConfig['adminIdentities'] {
  const raw = str(env, name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^(twitter|facebook|sandbox-twitter|sandbox-facebook):([A-Za-z0-9_.-]{1,128})$/.exec(entry);
      if (!m) throw new ConfigError(name, `"${entry}" is not provider:id (for example twitter:12345)`);
      return { provider: m[1], providerUserId: m[2] };
    });
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const nodeEnvRaw = str(env, 'NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];
  const production = nodeEnv === 'production';

  const port = int(env, 'PORT', 3000, 0, 65535);
  const publicUrl = httpUrl(env, 'PUBLIC_URL', `http://localhost:${port}`)!;

  const sessionSecret = str(env, 'SESSION_SECRET');
  if (production && !sessionSecret) throw new ConfigError('SESSION_SECRET', 'is required when NODE_ENV=production');
  if (sessionSecret && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters');
  }

  const sameSite = (str(env, 'SESSION_COOKIE_SAMESITE') ?? 'lax').toLowerCase();
  if (!['lax', 'strict', 'none'].includes(sameSite)) {
    throw new ConfigError('SESSION_COOKIE_SAMESITE', `must be lax, strict or none, got "${sameSite}"`);
  }
  if (sameSite === 'none' && !publicUrl.startsWith('https:')) {
    throw new ConfigError('SESSION_COOKIE_SAMESITE', 'none needs an https PUBLIC_URL (browsers drop SameSite=None cookies without Secure)');
  }

  const authSandbox = bool(env, 'AUTH_SANDBOX', nodeEnv === 'development');
  if (authSandbox && production) throw new ConfigError('AUTH_SANDBOX', 'is refused when NODE_ENV=production');

  const twKey = str(env, 'TWITTER_CONSUMER_KEY');
  const twSecret = str(env, 'TWITTER_CONSUMER_SECRET');
  if (!!twKey !== !!twSecret) {
    throw new ConfigError(twKey ? 'TWITTER_CONSUMER_SECRET' : 'TWITTER_CONSUMER_KEY', 'must be set together with its pair');
  }
  const twitterApiUrl = httpUrl(env, 'TWITTER_API_URL', 'https://api.twitter.com')!;

  const fbId = str(env, 'FACEBOOK_APP_ID');
  const fbSecret = str(env, 'FACEBOOK_APP_SECRET');
  if (!!fbId !== !!fbSecret) {
    throw new ConfigError(fbId ? 'FACEBOOK_APP_SECRET' : 'FACEBOOK_APP_ID', 'must be set together with its pair');
  }
  const fbVersion = str(env, 'FACEBOOK_GRAPH_VERSION') ?? DEFAULT_FACEBOOK_GRAPH_VERSION;
  if (!/^v\d+\.\d+$/.test(fbVersion)) throw new ConfigError('FACEBOOK_GRAPH_VERSION', `must look like v23.0, got "${fbVersion}"`);
  const fbAuthUrl = httpUrl(env, 'FACEBOOK_AUTH_URL', 'https://www.facebook.com')!;
  const fbGraphUrl = httpUrl(env, 'FACEBOOK_GRAPH_URL', 'https://graph.facebook.com')!;

  const logLevel = (str(env, 'LOG_LEVEL') ?? (nodeEnv === 'test' ? 'warn' : 'info')) as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be debug, info, warn, error or silent, got "${logLevel}"`);
  }

  const policyFile = str(env, 'POLICY_FILE');

  return {
    nodeEnv,
    port,
    host: str(env, 'HOST') ?? '0.0.0.0',
    publicUrl,
    databaseUrl: postgresUrl(env, 'DATABASE_URL'),
    databaseReadUrl: postgresUrl(env, 'DATABASE_READ_URL'),
    databaseListenUrl: postgresUrl(env, 'DATABASE_LISTEN_URL') ?? postgresUrl(env, 'DATABASE_URL'),
    databaseReadMaxLagMs: int(env, 'DATABASE_READ_MAX_LAG_MS', 1000, 100, 600_000),
    listCache: { maxAgeSeconds: int(env, 'LIST_CACHE_MAX_AGE_SECONDS', 5, 0, 3600), staleSeconds: int(env, 'LIST_CACHE_STALE_SECONDS', 30, 0, 86_400) },
    databasePoolMax: int(env, 'DATABASE_POOL_MAX', 10, 1, 500),
    embeddedDatabase: false,
    embeddedDataDir: path.resolve(cwd, str(env, 'EMBEDDED_DATA_DIR') ?? './var/pglite'),
    // Outside production an unset secret gets a fixed development value, so sessions survive a restart.
    sessionSecret: sessionSecret ?? 'development-only-session-secret-change-me!',
    sessionCookieSameSite: sameSite as AppConfig['sessionCookieSameSite'],
    allowedOrigins: origins(env, 'ALLOWED_ORIGINS'),
    twitter: twKey && twSecret ? { consumerKey: twKey, consumerSecret: twSecret, apiUrl: twitterApiUrl } : null,
    facebook:
      fbId && fbSecret
        ? { appId: fbId, appSecret: fbSecret, authUrl: fbAuthUrl, graphUrl: fbGraphUrl, graphVersion: fbVersion }
        : null,
    authSandbox,
    cmsApiToken: str(env, 'CMS_API_TOKEN') ?? null,
    editWindowSeconds: int(env, 'EDIT_WINDOW_SECONDS', 300, 0, 7 * 24 * 3600),
    adminIdentities: adminIdentities(env, 'ADMIN_IDENTITIES'),
    policyFile: policyFile ? path.resolve(cwd, policyFile) : path.join(projectRoot(), 'policy/standards-board.yaml'),
    reportHideThreshold: int(env, 'REPORT_HIDE_THRESHOLD', 3, 1, 1000),
    newAccountHoldHours: int(env, 'NEW_ACCOUNT_HOLD_HOURS', 0, 0, 24 * 365),
    rates: {
      commentsPerDay: optionalInt(env, 'RATE_COMMENTS_PER_DAY'),
      commentsPerArticle: optionalInt(env, 'RATE_COMMENTS_PER_ARTICLE'),
      commentIntervalSeconds: optionalInt(env, 'RATE_COMMENT_INTERVAL_SECONDS'),
      reactionsPerDay: optionalInt(env, 'RATE_REACTIONS_PER_DAY'),
    },
    ratePolicyChecksPerMinute: int(env, 'RATE_POLICY_CHECKS_PER_MINUTE', 30, 0, 1_000_000),
    toxicityUrl: httpUrl(env, 'TOXICITY_URL') ?? null,
    toxicityTimeoutMs: int(env, 'TOXICITY_TIMEOUT_MS', 300, 1, 60_000),
    rateLimits: {
      perIp: int(env, 'RATE_REQUESTS_PER_MINUTE_PER_IP', 1200, 0, 10_000_000),
      perReader: int(env, 'RATE_REQUESTS_PER_MINUTE_PER_READER', 600, 0, 10_000_000),
      writesPerIp: int(env, 'RATE_WRITES_PER_MINUTE_PER_IP', 120, 0, 10_000_000),
      writesPerReader: int(env, 'RATE_WRITES_PER_MINUTE_PER_READER', 60, 0, 10_000_000),
      loginsPerIp: int(env, 'RATE_LOGINS_PER_MINUTE_PER_IP', 20, 0, 10_000_000),
    },
    redisUrl: redisUrl(env, 'REDIS_URL'),
    databaseStatementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5000, 100, 3_600_000),
    databaseConnectTimeoutMs: int(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 600_000),
    shutdownDrainSeconds: int(env, 'SHUTDOWN_DRAIN_SECONDS', 10, 0, 3600),
    requestBodyTimeoutSeconds: int(env, 'REQUEST_BODY_TIMEOUT_SECONDS', 30, 1, 3600),
    livePollSeconds: int(env, 'LIVE_POLL_SECONDS', 2, 1, 3600),
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
    logLevel,
  };
}
