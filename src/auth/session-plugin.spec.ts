import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { lazySession, type SessionStore } from './session-plugin';

/** An in-memory store that records what the plugin asks of it. */
function memoryStore() {
  const rows = new Map<string, { data: Record<string, unknown>; expiresAt: Date; userId: string | null }>();
  const store: SessionStore = {
    get: async (sid) => rows.get(sid) ?? null,
    set: async (sid, data, expiresAt, userId) => void rows.set(sid, { data, expiresAt, userId }),
    destroy: async (sid) => void rows.delete(sid),
  };
  return { rows, store };
}

async function app(store: SessionStore) {
  const f = Fastify();
  await f.register(fastifyCookie, { secret: 's'.repeat(32) });
  await f.register(lazySession, { store, cookieName: 'sid', maxAgeMs: 60_000, cookie: { path: '/', httpOnly: true, secure: false, sameSite: 'lax' } });
  f.get('/read', async (req) => ({ value: req.session.get('value') ?? null, id: req.session.sessionId }));
  f.post('/write', async (req) => {
    req.session.set('value', 'kept');
    return { ok: true };
  });
  f.post('/oauth', async (req) => {
    // passport-oauth1/2 keep their secrets as plain properties.
    req.session['oauth:twitter'] = { oauth_token_secret: 'x' };
    return { ok: true };
  });
  f.post('/login', async (req) => {
    await req.session.regenerate(['value']);
    req.session.set('passport', 'user-1');
    return { ok: true };
  });
  f.post('/logout', async (req) => {
    await req.session.destroy();
    return { ok: true };
  });
  return f;
}

const sid = (setCookie: string | string[] | undefined) => [setCookie ?? []].flat().find((c) => c.startsWith('sid='))?.split(';')[0];

describe('lazy sessions', () => {
  it('a request that stores nothing gets no id, no row and no cookie', async () => {
    const { rows, store } = memoryStore();
    const f = await app(store);
    const res = await f.inject({ method: 'GET', url: '/read' });
    expect(res.json()).toEqual({ value: null, id: null });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(rows.size).toBe(0);
  });

  it('storing something creates the row and a signed HttpOnly cookie; the next request reads it back', async () => {
    const { rows, store } = memoryStore();
    const f = await app(store);
    const write = await f.inject({ method: 'POST', url: '/write' });
    const cookie = sid(write.headers['set-cookie'])!;
    expect(String(write.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(write.headers['set-cookie'])).toMatch(/SameSite=Lax/);
    expect(rows.size).toBe(1);
    const [id] = rows.keys();
    expect(cookie).not.toBe(`sid=${id}`); // signed, not the bare id
    const read = await f.inject({ method: 'GET', url: '/read', headers: { cookie } });
    expect(read.json()).toEqual({ value: 'kept', id });
    expect(read.headers['set-cookie']).toBeUndefined();
  });

  it('keeps plain properties, as the OAuth strategies use them', async () => {
    const { rows, store } = memoryStore();
    const f = await app(store);
    await f.inject({ method: 'POST', url: '/oauth' });
    expect([...rows.values()][0].data).toEqual({ 'oauth:twitter': { oauth_token_secret: 'x' } });
  });

  it('ignores an unsigned or unknown id', async () => {
    const { store } = memoryStore();
    const f = await app(store);
    await f.inject({ method: 'POST', url: '/write' });
    const res = await f.inject({ method: 'GET', url: '/read', headers: { cookie: 'sid=made-up' } });
    expect(res.json()).toEqual({ value: null, id: null });
  });

  it('regenerate gives a new id, deletes the old row and keeps only what it is told to', async () => {
    const { rows, store } = memoryStore();
    const f = await app(store);
    const first = sid((await f.inject({ method: 'POST', url: '/write' })).headers['set-cookie'])!;
    await f.inject({ method: 'POST', url: '/oauth', headers: { cookie: first } });
    const [oldId] = rows.keys();
    const login = await f.inject({ method: 'POST', url: '/login', headers: { cookie: first } });
    const second = sid(login.headers['set-cookie'])!;
    expect(second).not.toBe(first);
    expect(rows.has(oldId)).toBe(false);
    const [row] = rows.values();
    expect(row.data).toEqual({ value: 'kept', passport: 'user-1' });
    expect(row.userId).toBe('user-1');
    expect((await f.inject({ method: 'GET', url: '/read', headers: { cookie: first } })).json().id).toBeNull();
  });

  it('destroy deletes the row and clears the cookie', async () => {
    const { rows, store } = memoryStore();
    const f = await app(store);
    const cookie = sid((await f.inject({ method: 'POST', url: '/write' })).headers['set-cookie'])!;
    const res = await f.inject({ method: 'POST', url: '/logout', headers: { cookie } });
    expect(rows.size).toBe(0);
    expect(String(res.headers['set-cookie'])).toMatch(/^sid=;/);
  });

  it('an expired row is not a session', async () => {
    const { rows, store } = memoryStore();
    const f = await app(store);
    const cookie = sid((await f.inject({ method: 'POST', url: '/write' })).headers['set-cookie'])!;
    for (const row of rows.values()) row.expiresAt = new Date(Date.now() - 1000);
    expect((await f.inject({ method: 'GET', url: '/read', headers: { cookie } })).json()).toEqual({ value: null, id: null });
  });
});
