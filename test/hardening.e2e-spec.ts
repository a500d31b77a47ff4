import * as net from 'node:net';
import { startTestApp, truncateAll, type TestApp } from './helpers/app';
import { freePort } from './helpers/free-port';
import { login, startLogin } from './helpers/login';
import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { providerEnv } from './helpers/provider-env';

/**
 * Requests built to hurt (issue 12): bodies that cost the server more than
 * they cost the sender, a body that never finishes, login starts by the
 * thousand, and personal answers a cache could keep.
 */
describe('hardening against costly requests', () => {
  let t: TestApp;
  let fakes: FakeProviders;
  let base: string;

  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(providerEnv(fakes, { ALLOWED_ORIGINS: 'https://news.example.com', REQUEST_BODY_TIMEOUT_SECONDS: '1', RATE_POLICY_CHECKS_PER_MINUTE: '0' }));
    const port = await freePort();
    await t.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
  });
  beforeEach(() => truncateAll(t.dataSource));
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });

  const json = (body: string) => t.http().post('/policy/check').set('Content-Type', 'application/json').send(body);

  it('row 1: 80,000 unknown keys under 1 MiB are a 400 whose body stays small', async () => {
    const keys = Array.from({ length: 80_000 }, (_, i) => `"k${i}":0`).join(',');
    const body = `{"body":"x",${keys}}`;
    expect(body.length).toBeLessThan(1024 * 1024);
    const res = await json(body).expect(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { maxMembers: 1000 } });
    expect(res.text.length).toBeLessThan(2000);
  });

  it('row 1: the unknown keys a body may have are named 20 at most, the rest counted', async () => {
    const keys = Array.from({ length: 900 }, (_, i) => `"k${i}":0`).join(',');
    const res = await json(`{"body":"x",${keys}}`).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.fields).toHaveLength(20);
    expect(res.body.error.details.moreFields).toBe(880);
    expect(res.text.length).toBeLessThan(8000);
  });

  it('row 1: a long array counts its elements, and strings full of commas and colons count nothing', async () => {
    const long = await json(`{"body":"x","n":[${Array.from({ length: 5000 }, () => '0').join(',')}]}`).expect(400);
    expect(long.body.error.details).toMatchObject({ maxMembers: 1000 });
    const text = `${'a,b:c{[ '.repeat(20)}`;
    const ok = await json(JSON.stringify({ body: text })).expect(200);
    expect(ok.body.verdict).toBeDefined();
  });

  it('row 2: JSON nested 100,000 deep is a 400, not a 500', async () => {
    const depth = 100_000;
    const res = await json(`{"body":"x","n":${'['.repeat(depth)}${']'.repeat(depth)}}`).expect(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { maxDepth: 32 } });
  });

  it('row 2: an object 40 deep is refused, and a string holding brackets is not nesting', async () => {
    let nested = '0';
    for (let i = 0; i < 40; i++) nested = `{"a":${nested}}`;
    await json(`{"body":"x","n":${nested}}`).expect(400);
    await json(JSON.stringify({ body: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["' })).expect(200);
  });

  it('row 4: a body that trickles in is answered 408 in the error shape and its connection closed', async () => {
    const socket = net.connect(Number(new URL(base).port), '127.0.0.1');
    let text = '';
    socket.on('data', (d) => (text += d));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write('POST /policy/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 211\r\n\r\n{');
    await closed;
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
    expect(body).toEqual({ error: { code: 'REQUEST_TIMEOUT', message: expect.any(String) } });
  });

  it('row 8: a login start keeps its state for minutes, not a 30-day session', async () => {
    const res = await t.http().get('/auth/facebook?returnTo=%2Fafter').expect(302);
    const rows: { expires_at: Date }[] = await t.dataSource.query('SELECT expires_at FROM sessions');
    expect(rows).toHaveLength(1);
    const minutes = (rows[0].expires_at.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(10);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(String(res.headers['set-cookie'])).toMatch(/Expires=/);
  });

  it('row 8: after the login the session is the full 30 days, and the OAuth state is still checked', async () => {
    const s = await login(t, 'facebook', { screenName: 'hardy' });
    const rows: { expires_at: Date }[] = await t.dataSource.query('SELECT expires_at FROM sessions WHERE user_id IS NOT NULL');
    expect(rows).toHaveLength(1);
    expect((rows[0].expires_at.getTime() - Date.now()) / 86_400_000).toBeGreaterThan(29);
    expect(s.csrfToken).toBeTruthy();
    // A callback with another state than the one the start stored is refused.
    const start = await startLogin(t, 'facebook', '/after');
    const forged = await t.http().get('/auth/facebook/callback?code=x&state=forged').set('Cookie', start.cookie).expect(302);
    expect(forged.headers.location).toContain('authError=INVALID_STATE');
  });

  it('row 10: personal answers are no-store, vary with the credentials, and carry nosniff', async () => {
    const s = await login(t, 'twitter', { screenName: 'cachey' });
    const me = await t.http().get('/auth/me').set('Cookie', s.cookie).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.headers.vary).toMatch(/Cookie/);
    expect(me.headers.vary).toMatch(/Authorization/);
    expect(me.headers['x-content-type-options']).toBe('nosniff');
    const exported = await t.http().get('/users/me/export').set('Cookie', s.cookie).expect(200);
    expect(exported.headers['cache-control']).toBe('no-store');
    const anonymous = await t.http().get('/auth/me').expect(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });

  it('row 10: a list read with a cookie varies with it (and with Origin, under CORS)', async () => {
    const res = await t.http().get('/articles/a-1/comments').set('Origin', 'https://news.example.com').expect(200);
    const vary = String(res.headers.vary).split(',').map((v) => v.trim());
    expect(vary).toEqual(expect.arrayContaining(['Origin', 'Cookie', 'Authorization']));
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('row 10: an answer that sets its own Cache-Control keeps it, and a page keeps its own CSP', async () => {
    const css = await t.http().get('/demo.css').expect(200);
    expect(css.headers['cache-control']).toBe('public, max-age=300');
    const page = await t.http().get('/').expect(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });
});
