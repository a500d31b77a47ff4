import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/config';
import { SESSION_COOKIE } from '../auth/auth.service';

/**
 * Caching of the public read routes (lists and counts). An anonymous answer
 * is the same for everyone, so a CDN or Varnish may keep it for a few seconds
 * and revalidate it with If-None-Match; a request that carries a session
 * cookie or a bearer token may get a personal answer (the reader's own held
 * comments, their reactions) and is never stored anywhere. Both vary on
 * Cookie and Authorization, so a shared cache never hands one to the other.
 */
const VARY = ['Cookie', 'Authorization'];

/** Adds to Vary rather than replacing it: CORS has already put Origin there for a cross-site read. */
function varyOn(reply: FastifyReply): void {
  const given = String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const missing = VARY.filter((v) => !given.some((g) => g.toLowerCase() === v.toLowerCase()));
  if (missing.length) reply.header('vary', [...given, ...missing].join(', '));
}

/** A session cookie or any Authorization header: the answer may be personal (a cookie that turns out stale still counts). */
export function isPersonal(request: FastifyRequest): boolean {
  if (request.headers.authorization !== undefined) return true;
  const cookie = request.headers.cookie;
  return cookie !== undefined && new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`).test(cookie);
}

export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
  varyOn(reply);
}

/** A strong ETag over everything that picks the answer: the route, its parameters and the data's version. */
export function etagOf(parts: readonly (string | number | null | undefined)[]): string {
  return `"${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 27)}"`;
}

/**
 * Marks an anonymous answer cacheable under `etag`; true when the client
 * already has it (If-None-Match), and the reply is then a 304 with no body.
 */
export function publicAnswer(request: FastifyRequest, reply: FastifyReply, config: Pick<AppConfig, 'listCache'>, etag: string): boolean {
  const { maxAgeSeconds, staleSeconds } = config.listCache;
  reply.header('cache-control', `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${staleSeconds}`);
  varyOn(reply);
  reply.header('etag', etag);
  if (!matches(request.headers['if-none-match'], etag)) return false;
  reply.status(304);
  return true;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  // Weak comparison, as RFC 9110 asks of If-None-Match: W/"x" matches "x".
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
