import fastifyRateLimit from '@fastify/rate-limit';
import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../config/config';
import { WIDGET_TOKEN_PREFIX } from '../auth/widget-tokens.repository';
import { AppError } from './errors';
import { renderError } from './http-exception.filter';

const MINUTE_MS = 60_000;

/** Every request limit off: for a benchmark or a load test, where one client is all the traffic. */
export const REQUEST_LIMITS_OFF = {
  RATE_REQUESTS_PER_MINUTE_PER_IP: '0',
  RATE_REQUESTS_PER_MINUTE_PER_READER: '0',
  RATE_WRITES_PER_MINUTE_PER_IP: '0',
  RATE_WRITES_PER_MINUTE_PER_READER: '0',
  RATE_LOGINS_PER_MINUTE_PER_IP: '0',
} as const;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The first step of a login: a session-less redirect that (for Twitter) also calls the provider. */
const LOGIN_STARTS = new Set(['/auth/twitter', '/auth/facebook']);
const POLICY_CHECK = '/policy/check';
/** Where the shared counters live in Redis: nothing else of this service is kept there. */
const REDIS_NAMESPACE = 'newsroom-comments:rate:';

interface LimitResult {
  isAllowed: boolean;
  isExceeded: boolean;
  ttlInSeconds: number;
}
type Check = (request: FastifyRequest) => Promise<LimitResult>;

/** A named limit: which requests it counts, by what key, how many a minute, and whether every instance shares it. */
interface Limit {
  name: string;
  max: number;
  shared: boolean;
  applies(request: FastifyRequest, path: string): boolean;
  key(request: FastifyRequest): string | null;
}

/**
 * The reader behind a request, before anything is loaded: the session
 * cookie or the widget's bearer token, hashed. (The CMS's bearer token is a
 * service, not a reader: it meets the per-IP limits only.) (the limiter's keys are not
 * secrets to keep). Checking the cookie's signature or the token would cost
 * the database lookup this limit runs ahead of; an unsigned cookie only buys
 * its sender a fresh counter, and the per-IP limit still holds.
 */
function readerKey(request: FastifyRequest): string | null {
  const auth = request.headers.authorization;
  const cookie = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  const credential = auth?.startsWith(`Bearer ${WIDGET_TOKEN_PREFIX}`) ? auth : cookie;
  return credential ? createHash('sha256').update(credential).digest('base64url').slice(0, 22) : null;
}

function limits(config: AppConfig): Limit[] {
  const r = config.rateLimits;
  const write = (request: FastifyRequest) => WRITE_METHODS.has(request.method);
  const all: Limit[] = [
    { name: 'requests-per-ip', max: r.perIp, shared: false, applies: () => true, key: (q) => q.ip },
    { name: 'requests-per-reader', max: r.perReader, shared: false, applies: () => true, key: readerKey },
    { name: 'logins-per-ip', max: r.loginsPerIp, shared: true, applies: (q, path) => q.method === 'GET' && LOGIN_STARTS.has(path), key: (q) => q.ip },
    { name: 'policy-checks-per-ip', max: config.ratePolicyChecksPerMinute, shared: false, applies: (q, path) => q.method === 'POST' && path === POLICY_CHECK, key: (q) => q.ip },
    { name: 'writes-per-ip', max: r.writesPerIp, shared: true, applies: write, key: (q) => q.ip },
    { name: 'writes-per-reader', max: r.writesPerReader, shared: true, applies: write, key: readerKey },
  ];
  return all.filter((l) => l.max > 0);
}

/** @fastify/rate-limit in its own context (one store each), giving back its limiter factory. */
async function limiterFactory(app: NestFastifyApplication, options: Record<string, unknown>): Promise<(o: Record<string, unknown>) => Check> {
  let factory!: (o: Record<string, unknown>) => Check;
  await app.register(async (scope: FastifyInstance) => {
    await scope.register(fastifyRateLimit, { global: false, ...options });
    factory = (scope as unknown as { createRateLimit: (o: Record<string, unknown>) => Check }).createRateLimit;
  });
  return factory;
}

/**
 * Every route is limited per client IP and per reader; writes and login
 * starts have tighter limits, counted in Redis when REDIS_URL is set so that
 * every instance shares them (in memory otherwise: the embedded default is
 * one process). All of it runs in onRequest, before the session is loaded
 * and before the body is read or validated, so a refused request costs
 * almost nothing. Answers 429 `RATE_LIMITED` with `Retry-After`.
 *
 * If Redis does not answer, the shared limits let requests through (and
 * say so once) rather than take the service down with them.
 */
export async function setupRateLimits(app: NestFastifyApplication, config: AppConfig, logger: LoggerService): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const active = limits(config);
  if (!active.length) return;

  const memory = await limiterFactory(app, { skipOnError: false });
  let shared = memory;
  if (config.redisUrl && active.some((l) => l.shared)) {
    const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false });
    let warned = false;
    redis.on('error', (error: Error) => {
      if (warned) return;
      warned = true;
      logger.warn({ msg: 'rate limits: Redis does not answer; the shared limits let requests through until it does', error: error.message }, 'RateLimits');
    });
    redis.on('ready', () => (warned = false));
    shared = await limiterFactory(app, { redis, nameSpace: REDIS_NAMESPACE, skipOnError: true });
    fastify.addHook('onClose', async () => {
      redis.disconnect();
    });
  }

  const checks = active.map((limit) => ({
    limit,
    check: (limit.shared ? shared : memory)({ max: limit.max, timeWindow: MINUTE_MS, keyGenerator: (q: FastifyRequest) => `${limit.name}:${limit.key(q)}` }),
  }));

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'OPTIONS') return;
    const path = request.url.split('?')[0];
    for (const { limit, check } of checks) {
      if (!limit.applies(request, path) || limit.key(request) === null) continue;
      const result = await check(request);
      if (result.isAllowed || !result.isExceeded) continue;
      const wait = Math.max(1, result.ttlInSeconds);
      const error = new AppError('RATE_LIMITED', { details: { limit: limit.name, retryAfterSeconds: wait } });
      return reply
        .status(429)
        .header('Retry-After', String(wait))
        .type('application/json; charset=utf-8')
        .send(renderError(error, request.headers['accept-language']));
    }
  });
}
