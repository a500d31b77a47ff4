import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/config';
import { AUTHENTICATOR, SESSION_COOKIE, type Authenticator } from './auth.service';
import { lazySession } from './session-plugin';
import { PostgresSessionStore } from './session-store';

const SESSION_DAYS = 30;

/**
 * The Fastify plugins behind login: signed cookies, lazy sessions in Postgres, passport
 * on top of them, and CORS with credentials for the news sites only.
 * Runs before app.init() so every route sees them.
 */
export async function setupAuth(app: NestFastifyApplication, config: AppConfig): Promise<PostgresSessionStore> {
  const fastify = app.getHttpAdapter().getInstance();
  const store = app.get(PostgresSessionStore);
  const secure = config.publicUrl.startsWith('https:');

  await app.register(fastifyCors, {
    origin: (origin, cb) => cb(null, origin !== undefined && config.allowedOrigins.includes(origin)),
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'X-CSRF-Token', 'Idempotency-Key', 'Last-Event-ID', 'Accept-Language'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
  // Cookies are signed with SESSION_SECRET: a forged or altered session id is ignored.
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(lazySession, {
    store,
    cookieName: SESSION_COOKIE,
    maxAgeMs: SESSION_DAYS * 24 * 3600 * 1000,
    cookie: { path: '/', httpOnly: true, secure, sameSite: config.sessionCookieSameSite },
  });
  const passport = app.get<Authenticator>(AUTHENTICATOR);
  await app.register(passport.initialize());
  await app.register(passport.secureSession());
  fastify.addHook('onClose', async () => store.stopSweeping());
  store.startSweeping();
  return store;
}
