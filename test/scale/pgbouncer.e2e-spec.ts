import { Client } from 'pg';
import { startFakeProviders, type FakeProviders } from '../fakes/fake-providers';
import { NO_FLOOD_LIMITS, providerEnv } from '../helpers/provider-env';
import { TestApp, startTestApp } from '../helpers/app';
import { Session, login } from '../helpers/login';
import { SseClient } from '../helpers/sse';
import { startPgBouncer, type Bouncer } from './postgres-servers';

const ARTICLE = '2026-12-02-pooled';

/**
 * The service through PgBouncer in transaction mode (Debian's pgbouncer,
 * started by the test in front of the run's database): every route of the
 * OpenAPI description answers without a server error, the core paths work,
 * and the LISTEN connection and the migrations take DATABASE_LISTEN_URL, the
 * direct connection, which transaction pooling cannot carry.
 */
describe('through PgBouncer in transaction mode (DATABASE_URL pooled, DATABASE_LISTEN_URL direct)', () => {
  let bouncer: Bouncer;
  let fakes: FakeProviders;
  let a: TestApp;
  let b: TestApp;
  let baseB: string;
  let n = 0;
  const direct = process.env.TEST_RUN_DATABASE_URL!;
  const database = new URL(direct).pathname.slice(1);
  const reader = (t: TestApp, name = `pooled${++n}`) => login(t, 'twitter', { screenName: name, name });
  const as = (t: TestApp, s: Session, method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) =>
    t.http()[method](path).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken);

  beforeAll(async () => {
    bouncer = await startPgBouncer(Number(new URL(direct).port || 5432));
    fakes = await startFakeProviders();
    const env = providerEnv(fakes, { ...NO_FLOOD_LIMITS, CMS_API_TOKEN: 'cms-pooled', DATABASE_URL: bouncer.url(database), DATABASE_LISTEN_URL: direct });
    a = await startTestApp(env);
    b = await startTestApp(env);
    await b.app.listen({ port: 0, host: '127.0.0.1' });
    baseB = `http://127.0.0.1:${(b.app.getHttpServer().address() as { port: number }).port}`;
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fakes?.close();
    bouncer?.stop();
  });

  it('the app really goes through the pooler, in transaction mode', async () => {
    await a.http().get(`/articles/${ARTICLE}/comments`).expect(200);
    const pools = bouncer.admin('SHOW POOLS');
    const mine = pools.find((p) => p[0] === database);
    expect(mine).toBeDefined();
    expect(mine![mine!.length - 1]).toBe('transaction');
    const stats = bouncer.admin('SHOW STATS').find((s) => s[0] === database)!;
    expect(Number(stats[1])).toBeGreaterThan(0); // total_xact_count
  });

  it('posting, listing, reacting, editing, moderating and erasing work, with 24 posts at once over 8 pooled server connections', async () => {
    const readers = await Promise.all(Array.from({ length: 6 }, () => reader(a)));
    const posted = await Promise.all(
      Array.from({ length: 24 }, (_, i) => as(a, readers[i % 6], 'post', `/articles/${ARTICLE}/comments`).send({ body: `Pooled comment ${i}.` })),
    );
    expect(posted.map((p) => p.status)).toEqual(posted.map(() => 201));
    const list = await a.http().get(`/articles/${ARTICLE}/comments?limit=50`).expect(200);
    expect(list.body.total).toBe(24);
    const first = posted[0].body;
    await as(a, readers[1], 'put', `/comments/${first.id}/reaction`).send({ value: 'agree' }).expect(200);
    await as(a, readers[0], 'patch', `/comments/${first.id}`).send({ body: 'Pooled comment 0, edited.' }).expect(200);
    const mod = await reader(a);
    await a.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
    await as(a, mod, 'post', `/moderation/comments/${posted[1].body.id}/delete`).send({}).expect((r) => expect(r.status).toBeLessThan(300));
    await as(a, readers[5], 'delete', '/users/me').expect((r) => expect(r.status).toBeLessThan(300));
    const [row] = await a.dataSource.query('SELECT comment_count FROM articles WHERE id = $1', [ARTICLE]);
    const [rows] = await a.dataSource.query(`SELECT count(*)::int AS n FROM comments WHERE article_id = $1 AND status = 'published'`, [ARTICLE]);
    expect(row.comment_count).toBe(rows.n);
  });

  it('live events cross instances: the LISTEN connection is a direct one, not one of the pooler’s', async () => {
    const s = await reader(a);
    const stream = await SseClient.open(`${baseB}/articles/${ARTICLE}/events`);
    expect(stream.status).toBe(200);
    const c = (await as(a, s, 'post', `/articles/${ARTICLE}/comments`).send({ body: 'Heard on the other instance.' }).expect(201)).body;
    const frames = await stream.waitFor(1);
    expect(frames.some((f) => f.data?.includes(c.id))).toBe(true);
    stream.close();

    const servers = bouncer.admin('SHOW SERVERS');
    expect(servers.length).toBeGreaterThan(0);
    const serverPorts = new Set(servers.map((r) => r[7])); // local_port of each of the pooler's server connections
    const check = new Client({ connectionString: direct });
    await check.connect();
    const { rows } = await check.query(`SELECT client_port::text AS port FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'LISTEN%'`, [database]);
    await check.end();
    expect(rows.length).toBe(2); // one per instance
    for (const r of rows) expect(serverPorts.has(r.port)).toBe(false);
  });

  it('every route in the OpenAPI description answers through the pooler without a server error', async () => {
    const admin = await reader(a, 'pooled-admin');
    await a.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
    const other = await reader(a);
    const comment = (await as(a, other, 'post', `/articles/${ARTICLE}/comments`).send({ body: 'A comment for the route walk.' }).expect(201)).body;
    const doc = (await a.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const values: Record<string, string> = { articleId: ARTICLE, id: comment.id, commentId: comment.id, userId: other.user.id };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ path, method })));
    // The streams never end (their own test above); logging out and erasing the walker come last.
    const last = (r: { path: string; method: string }) => (r.method === 'delete' && r.path === '/users/me') || r.path.endsWith('/logout');
    const walk = routes.filter((r) => !r.path.endsWith('/events') && !r.path.endsWith('/stream')).sort((x, y) => Number(last(x)) - Number(last(y)));
    expect(walk.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const r of walk) {
      const path = r.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '00000000-0000-4000-8000-000000000000');
      const req = as(a, admin, r.method as 'get', path === '/articles/counts' ? `${path}?ids=${ARTICLE}` : path);
      const res = ['post', 'put', 'patch'].includes(r.method) ? await req.send({}) : await req;
      if (res.status >= 500) failures.push(`${r.method.toUpperCase()} ${path}: ${res.status} ${res.text.slice(0, 200)}`);
      else if (res.status >= 400 && res.headers['content-type']?.includes('json') && !res.body.error?.code) failures.push(`${r.method} ${path}: ${res.status} not in the error shape`);
    }
    expect(failures).toEqual([]);
  });
});
