import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoggerService, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { AuthService } from './auth/auth.service';
import { setupAuth } from './auth/auth.setup';
import { mountSandboxProviders } from './auth/sandbox-routes';
import { CMS_SECURITY } from './auth/decorators';
import { SANDBOX_PATHS } from './auth/providers';
import { AppError } from './common/errors';
import { setupRequestLifecycle, setupResponseHeaders } from './common/http-hardening';
import { guardedJsonParser } from './common/json-body';
import { setupRateLimits } from './common/rate-limits';
import { JsonLogger } from './common/json-logger';
import { renderError } from './common/http-exception.filter';
import { AppConfig } from './config/config';
import { MetricsRegistry } from './metrics/metrics';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Routes whose protocol sends forms: Facebook's data-deletion callback and the sandbox providers. */
const FORM_ROUTES = ['/auth/facebook/data-deletion', SANDBOX_PATHS.twitter, SANDBOX_PATHS.facebook];
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** A refusal names this many fields at most: its size must not grow with the request's. */
export const MAX_LISTED_FIELDS = 20;

/** Flattens class-validator's tree into `{ field, problems }` rows for `details.fields`. */
function validationDetails(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return own.concat(validationDetails(e.children ?? [], field));
  });
}

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors) => {
    const all = validationDetails(errors);
    const fields = all.slice(0, MAX_LISTED_FIELDS);
    return AppError.validation(
      { en: fields.flatMap((f) => f.problems).join('; ') || 'The request is not valid.', ko: '요청이 올바르지 않습니다.' },
      all.length > fields.length ? { fields, moreFields: all.length - fields.length } : { fields },
    );
  },
});

/**
 * Builds the whole application on Fastify, initialised but not listening, so
 * that main.ts and the e2e tests run exactly the same server.
 */
export async function createApp(config: AppConfig, logger: LoggerService = new JsonLogger(config.logLevel === 'silent' ? 'silent' : config.logLevel)): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: false,
    // Keep a caller's X-Request-Id when it is sane, so a request can be followed across services.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Article ids are up to 128 characters; Fastify's default cap on a path parameter is 100.
    routerOptions: { maxParamLength: 256 },
    // Shutdown's 503 is ours, in the contract's shape (common/http-hardening.ts).
    return503OnClosing: false,
    // Errors Fastify raises before routing (a malformed URL, a bad percent-encoding) answer in the same shape.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const appError = AppError.validation({ en: 'The request URL is not valid.', ko: '요청 주소가 올바르지 않습니다.' });
      void reply.status(400).type('application/json; charset=utf-8').send(renderError(appError, request.headers['accept-language']));
      void error;
    },
    forceCloseConnections: 'idle',
    // Who the client is behind a load balancer or CDN (TRUST_PROXY): the per-IP limits and the logs read request.ip.
    // A hop count is given as the function Fastify makes of one (the first n hops are trusted): its adapter's type takes no number.
    trustProxy: typeof config.trustProxy === 'number' ? trustFirstHops(config.trustProxy) : config.trustProxy,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger,
    bufferLogs: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsRegistry);
  // Fastify's JSON parser, behind a linear check of depth and size (json-body.ts).
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, guardedJsonParser(fastify.getDefaultJsonParser('error', 'error')));

  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  setupRequestLifecycle(app, config);
  await setupResponseHeaders(app);
  // The API reads JSON. Fastify also parses forms and plain text, which would let a body in
  // another type through to validation: those answer 415, except where a form is the protocol.
  fastify.addHook('preValidation', (request, reply, done) => {
    if (request.body === undefined || FORM_ROUTES.some((prefix) => request.url.startsWith(prefix))) return done();
    const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/json' || type.endsWith('+json')) return done();
    const error = new AppError('UNSUPPORTED_MEDIA_TYPE');
    void reply.status(error.status).type('application/json; charset=utf-8').send(renderError(error, request.headers['accept-language']));
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, seconds);
    // The path only: query strings can hold OAuth codes and verifiers.
    logger.log(
      { msg: 'request', requestId: request.id, method: request.method, path: request.url.split('?')[0], route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'HTTP',
    );
    done();
  });

  // The limits run after CORS (a refused browser can read its 429) and before the session is loaded.
  await setupAuth(app, config, () => setupRateLimits(app, config, logger));
  mountSandboxProviders(app, config, app.get(AuthService).providers);
  app.useGlobalPipes(validationPipe);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('newsroom-comments')
      .setDescription(
        'Comments under news articles, with social login and the Standards Board Policy. Every error answers `{ "error": { "code", "message", "details"? } }` (the ErrorBody schema); ' +
          'the contract in prose is docs/api.md. A logged-in reader sends the `sid` cookie, and on every POST, PUT, PATCH and DELETE the `X-CSRF-Token` of GET /auth/me.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'CMS_API_TOKEN: the newsroom CMS’s shared secret (an opaque token, not a JWT)' }, CMS_SECURITY)
      .addCookieAuth('sid')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await app.init();
  await fastify.ready();
  return app;
}

function trustFirstHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}
