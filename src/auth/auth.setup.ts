import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/config';
import { AUTHENTICATOR, SESSION_COOKIE, type Authenticator } from './auth.service';
import { UsersRepository } from '../users/users.repository';
import { lazySession } from './session-plugin';
import { WIDGET_TOKEN_PREFIX, WidgetTokensRepository } from './widget-tokens.repository';
import { PostgresSessionStore } from './session-store';

const SESSION_DAYS = 30;
/** A login's round trip through the provider: minutes, not the 30 days of a logged-in session. */
const PRE_LOGIN_MINUTES = 15;

/**
 * The Fastify plugins behind login: signed cookies, lazy sessions in Postgres, passport
 * on top of them, and CORS with credentials for the news sites only.
 * Runs before app.init() so every route sees them.
 */
export async function setupAuth(app: NestFastifyApplication, config: AppConfig, beforeSessions?: () => Promise<void>): Promise<PostgresSessionStore> {
  const fastify = app.getHttpAdapter().getInstance();
  const store = app.get(PostgresSessionStore);
  const secure = config.publicUrl.startsWith('https:');

  await app.register(fastifyCors, {
    origin: (origin, cb) => cb(null, origin !== undefined && config.allowedOrigins.includes(origin)),
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'X-CSRF-Token', 'Idempotency-Key', 'Last-Event-ID', 'Accept-Language', 'Authorization'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
  await beforeSessions?.();
  // Cookies are signed with SESSION_SECRET: a forged or altered session id is ignored.
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(lazySession, {
    store,
    cookieName: SESSION_COOKIE,
    maxAgeMs: SESSION_DAYS * 24 * 3600 * 1000,
    anonymousMaxAgeMs: PRE_LOGIN_MINUTES * 60 * 1000,
    cookie: { path: '/', httpOnly: true, secure, sameSite: config.sessionCookieSameSite },
  });
  const passport = app.get<Authenticator>(AUTHENTICATOR);
  await app.register(passport.initialize());
  await app.register(passport.secureSession());
  // The embedded widget on another site has no cookie of ours: it sends the bearer token its login popup
  // got it (see widget-auth.controller.ts). A live token stands for its reader, bound to the site it was made for.
  const tokens = app.get(WidgetTokensRepository);
  const users = app.get(UsersRepository);
  fastify.addHook('preValidation', async (request) => {
    const header = request.headers.authorization;
    if (!header?.startsWith(`Bearer ${WIDGET_TOKEN_PREFIX}`)) return;
    const grant = await tokens.resolve(header.slice('Bearer '.length).trim());
    const user = grant && (await users.findById(grant.userId));
    request.user = user ?? undefined;
    request.widgetOrigin = user ? grant!.origin : undefined;
  });
  const tokenSweeper = setInterval(() => void tokens.sweep().catch(() => undefined), 10 * 60 * 1000).unref();
  fastify.addHook('onClose', async () => {
    store.stopSweeping();
    clearInterval(tokenSweeper);
  });
  store.startSweeping();
  return store;
}
