import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/config';
import { AppError } from './errors';
import { renderError } from './http-exception.filter';
import { Lifecycle } from './lifecycle';

/** Answers vary with the reader: a shared cache must key them by the credentials too. */
const VARY_ON = ['Cookie', 'Authorization'];

function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError, headers: Record<string, string> = {}): FastifyReply {
  return reply
    .status(error.status)
    .headers(headers)
    .type('application/json; charset=utf-8')
    .send(renderError(error, request.headers['accept-language']));
}

/**
 * First on every request: refused while shutting down (the contract's shape,
 * not Fastify's own 503), counted while in flight so SIGTERM can wait for
 * it, and given a deadline for its body.
 */
export function setupRequestLifecycle(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  const lifecycle = app.get(Lifecycle);
  const bodyTimeoutMs = config.requestBodyTimeoutSeconds * 1000;

  fastify.addHook('onRequest', (request, reply, done) => {
    if (lifecycle.closing) {
      // A kept-alive connection still brings requests after SIGTERM: send them elsewhere, and close it.
      const error = new AppError('UNAVAILABLE', { message: { en: 'The server is shutting down. Please try again.', ko: '서버가 종료되는 중입니다. 다시 시도해 주세요.' } });
      void sendError(request, reply, error, { 'Retry-After': '1', Connection: 'close' });
      return;
    }
    lifecycle.started((finished) => reply.raw.once('close', finished));
    if (hasBody(request)) watchBody(request, reply, bodyTimeoutMs);
    done();
  });
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Node's own request timeout is off under Fastify, and a body that trickles
 * in a byte at a time held its socket for ever. This one answers 408 in the
 * contract's shape and closes the connection. Written to the socket
 * directly: the body parser is still waiting, and finds the request gone.
 */
function watchBody(request: FastifyRequest, reply: FastifyReply, timeoutMs: number): void {
  const raw = request.raw;
  const timer = setTimeout(() => {
    if (raw.complete || reply.raw.headersSent) return;
    const error = new AppError('REQUEST_TIMEOUT');
    const body = JSON.stringify(renderError(error, request.headers['accept-language']));
    reply.raw.writeHead(408, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close', 'x-request-id': request.id });
    reply.raw.end(body, () => raw.socket?.destroy());
  }, timeoutMs);
  timer.unref();
  const clear = () => clearTimeout(timer);
  raw.once('end', clear);
  raw.once('close', clear);
}

/**
 * Security headers by @fastify/helmet, and no caching of anything that did
 * not ask for it: personal answers (`/auth/me` carries the CSRF token) must
 * never be stored by a browser or proxy. A route that may be cached says so
 * with its own Cache-Control, which is kept.
 *
 * Helmet's Content-Security-Policy is off: the API answers JSON, and each
 * page (the console, the demo article, the login popup's last page) sets the
 * policy it needs. Its cross-origin defaults would break the product: the
 * widget's script and the API are used from the news sites
 * (Cross-Origin-Resource-Policy), and the login popup posts back to
 * `window.opener` on another site (Cross-Origin-Opener-Policy).
 */
export async function setupResponseHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    const given = String(reply.getHeader('vary') ?? '');
    const have = new Set(given.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean));
    if (!have.has('*')) {
      const add = VARY_ON.filter((v) => !have.has(v.toLowerCase()));
      if (add.length) reply.header('Vary', [given, ...add].filter(Boolean).join(', '));
    }
    done(null, payload);
  });
}
