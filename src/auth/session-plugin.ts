import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { randomBytes } from 'node:crypto';

type Data = Record<string, unknown>;

/** Where sessions live: get/set/destroy by id (PostgresSessionStore). */
export interface SessionStore {
  get(sid: string): Promise<{ data: Data; expiresAt: Date } | null>;
  set(sid: string, data: Data, expiresAt: Date, userId: string | null): Promise<void>;
  destroy(sid: string): Promise<void>;
}

export interface SessionOptions {
  store: SessionStore;
  cookieName: string;
  maxAgeMs: number;
  /**
   * For a session nobody is logged in to: what a login keeps between its start
   * and the provider's redirect back (returnTo, the OAuth 1.0a request-token
   * secret, the OAuth 2.0 state). Login gives the session a new id and the
   * full maxAgeMs.
   */
  anonymousMaxAgeMs?: number;
  cookie: { path: string; httpOnly: boolean; secure: boolean; sameSite: 'lax' | 'strict' | 'none' };
}

const STATE = Symbol('sessionState');

interface State {
  id: string | null;
  /** The id the request came with, to delete when the session is regenerated or destroyed. */
  loadedId: string | null;
  snapshot: string;
  destroyed: boolean;
  store: SessionStore;
}

/**
 * A server-side session that costs nothing until it is used: a request with no
 * session cookie gets an empty session with no id, and an id (32 random bytes)
 * is made only when something is stored in it. Measured with bench:floor,
 * @fastify/session's eager id, signature and hash for every cookieless request
 * halved the throughput of the service's cheapest routes.
 *
 * The API is the part of @fastify/session's that @fastify/passport and the
 * OAuth strategies use: `get`, `set`, `regenerate(keep?)`, `destroy()`,
 * `data()`, and plain properties (passport-oauth1/2 keep their request-token
 * secret and `state` as `session[key]`).
 */
export class LazySession {
  [key: string]: unknown;

  constructor(state: State, data: Data = {}) {
    Object.defineProperty(this, STATE, { value: state, enumerable: false });
    Object.assign(this, data);
  }

  private get state(): State {
    return (this as unknown as Record<symbol, State>)[STATE];
  }

  get sessionId(): string | null {
    return this.state.id;
  }

  get(key: string): unknown {
    return this[key];
  }

  set(key: string, value: unknown): void {
    if (value === undefined) delete this[key];
    else this[key] = value;
  }

  data(): Data {
    return JSON.parse(JSON.stringify(this)) as Data;
  }

  /** A new id for the same visitor (login): the old row is deleted, only `keep` survives. */
  async regenerate(keep: string[] = []): Promise<void> {
    const kept: Data = {};
    for (const k of keep) if (k in this) kept[k] = this[k];
    for (const k of Object.keys(this)) delete this[k];
    Object.assign(this, kept);
    if (this.state.loadedId) await this.state.store.destroy(this.state.loadedId);
    this.state.loadedId = null;
    this.state.id = newId();
    this.state.snapshot = '';
  }

  /** Logout: the row goes now, the cookie is cleared on the way out. */
  async destroy(): Promise<void> {
    const id = this.state.loadedId ?? this.state.id;
    if (id) await this.state.store.destroy(id);
    for (const k of Object.keys(this)) delete this[k];
    this.state.destroyed = true;
    this.state.id = null;
    this.state.loadedId = null;
  }
}

function newId(): string {
  return randomBytes(32).toString('base64url');
}

async function sessionPlugin(fastify: FastifyInstance, options: SessionOptions): Promise<void> {
  fastify.decorateRequest('session', null as unknown as LazySession);

  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    const raw = request.cookies[options.cookieName];
    const state: State = { id: null, loadedId: null, snapshot: '{}', destroyed: false, store: options.store };
    if (raw) {
      const unsigned = request.unsignCookie(raw);
      if (unsigned.valid && unsigned.value) {
        const found = await options.store.get(unsigned.value);
        if (found && found.expiresAt.getTime() > Date.now()) {
          state.id = unsigned.value;
          state.loadedId = unsigned.value;
          state.snapshot = JSON.stringify(found.data);
          (request as unknown as { session: LazySession }).session = new LazySession(state, found.data);
          return;
        }
      }
    }
    (request as unknown as { session: LazySession }).session = new LazySession(state);
  });

  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    const session = (request as unknown as { session: LazySession | null }).session;
    if (!session) return;
    const state = (session as unknown as Record<symbol, State>)[STATE];
    if (state.destroyed) {
      if (request.cookies[options.cookieName]) reply.clearCookie(options.cookieName, { path: options.cookie.path });
      return;
    }
    const json = JSON.stringify(session);
    const empty = json === '{}';
    if (json === state.snapshot && state.id === state.loadedId) return;
    if (empty && !state.loadedId) return; // nothing to keep: no row, no cookie
    state.id ??= newId();
    const data = JSON.parse(json) as Data;
    const loggedIn = typeof data.passport === 'string';
    const expiresAt = new Date(Date.now() + (loggedIn ? options.maxAgeMs : (options.anonymousMaxAgeMs ?? options.maxAgeMs)));
    await options.store.set(state.id, data, expiresAt, loggedIn ? (data.passport as string) : null);
    if (state.id !== state.loadedId || !loggedIn) {
      reply.setCookie(options.cookieName, state.id, { ...options.cookie, signed: true, expires: expiresAt });
    }
  });
}

export const lazySession = fp(sessionPlugin, { fastify: '5.x', name: 'lazy-session', dependencies: ['@fastify/cookie'] });
