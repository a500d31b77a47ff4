import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { migrateWithLock, migrationsApplied } from '../src/database/migrate';
import request from 'supertest';
import { createApp } from '../src/app';
import { JsonLogger } from '../src/common/json-logger';
import { loadConfig } from '../src/config/config';
import { TestApp, startTestApp, truncateAll } from './helpers/app';

const ERROR_SHAPE = { error: { code: expect.any(String), message: expect.any(String) } };

describe('foundation (HTTP against real Postgres)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CMS_API_TOKEN: 'cms-token-for-tests' });
  });
  afterAll(() => t.close());
  beforeEach(() => truncateAll(t.dataSource));

  it('GET /health/live is 200', async () => {
    const res = await t.http().get('/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready is 200 with the database answering and migrations applied', async () => {
    const res = await t.http().get('/health/ready').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: true, migrations: true } });
  });

  it('an unknown route is 404 in the error shape', async () => {
    const res = await t.http().get('/no/such/route').expect(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No such route.' } });
  });

  it('malformed JSON is 400 VALIDATION_FAILED and changes nothing', async () => {
    const res = await t.http().put('/articles/a1').set('Authorization', 'Bearer cms-token-for-tests').set('Content-Type', 'application/json').send('{"title": ').expect(400);
    expect(res.body).toMatchObject(ERROR_SHAPE);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe('The request body is not valid JSON.');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|Unexpected end/);
    expect(await t.dataSource.query('SELECT * FROM articles')).toEqual([]);
  });

  it('a body over 1 MiB is 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.http().put('/articles/a1').set('Authorization', 'Bearer cms-token-for-tests').set('Content-Type', 'application/json').send(JSON.stringify({ title: 'x'.repeat(1024 * 1024) })).expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a malformed URL is 400 in the error shape', async () => {
    const res = await t.http().get('/articles/%E0%A4%A/comments').expect(400);
    expect(res.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: 'The request URL is not valid.' } });
  });

  it('answers in Korean when the reader prefers it', async () => {
    const res = await t.http().get('/no/such/route').set('Accept-Language', 'ko-KR,ko;q=0.9').expect(404);
    expect(res.body.error.message).toBe('찾을 수 없습니다.');
  });

  it('every response carries a request id, and a sane caller id is kept', async () => {
    const a = await t.http().get('/health/live');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const b = await t.http().get('/health/live').set('X-Request-Id', 'cms-42');
    expect(b.headers['x-request-id']).toBe('cms-42');
    const c = await t.http().get('/health/live').set('X-Request-Id', 'bad id with spaces');
    expect(c.headers['x-request-id']).not.toContain('bad');
  });

  describe('articles', () => {
    it('an unknown article answers the defaults and creates nothing', async () => {
      const res = await t.http().get('/articles/2000-11-25.it:accord_1').expect(200);
      expect(res.body).toEqual({ id: '2000-11-25.it:accord_1', url: null, title: null, commentsOpen: true, moderation: 'post', commentCount: 0 });
      expect(await t.dataSource.query('SELECT * FROM articles')).toEqual([]);
    });

    it.each(['a b', 'a%2Fb', 'x'.repeat(129), '기사'])('articleId %s is 400 VALIDATION_FAILED', async (id) => {
      const res = await t.http().get(`/articles/${encodeURIComponent(id)}`).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.fields[0].field).toBe('articleId');
    });

    it('accepts a 128-character id', async () => {
      await t.http().get(`/articles/${'x'.repeat(128)}`).expect(200);
    });

    it('the CMS upserts with its bearer token; partial updates keep the other fields', async () => {
      await t.http().put('/articles/a1').set('Authorization', 'Bearer cms-token-for-tests').send({ url: 'https://news.example.com/a1', title: 'IT accord', moderation: 'pre' }).expect(200);
      const res = await t.http().put('/articles/a1').set('Authorization', 'Bearer cms-token-for-tests').send({ commentsOpen: false }).expect(200);
      expect(res.body).toEqual({ id: 'a1', url: 'https://news.example.com/a1', title: 'IT accord', commentsOpen: false, moderation: 'pre', commentCount: 0 });
      expect((await t.http().get('/articles/a1').expect(200)).body).toEqual(res.body);
    });

    it('refuses an upsert without the token, with a wrong one, and with bad fields', async () => {
      expect((await t.http().put('/articles/a1').send({ title: 'x' }).expect(401)).body.error.code).toBe('UNAUTHENTICATED');
      expect((await t.http().put('/articles/a1').set('Authorization', 'Bearer nope').send({ title: 'x' }).expect(401)).body.error.code).toBe('UNAUTHENTICATED');
      const bad = await t.http().put('/articles/a1').set('Authorization', 'Bearer cms-token-for-tests').send({ moderation: 'later', commentCount: 99 }).expect(400);
      expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['commentCount', 'moderation']);
      expect(await t.dataSource.query('SELECT * FROM articles')).toEqual([]);
    });

    it('null for a setting that cannot be empty is 400, not a 500; null clears the url and title', async () => {
      const cms = () => t.http().put('/articles/a1').set('Authorization', 'Bearer cms-token-for-tests');
      await cms().send({ url: 'https://news.example.com/a1', title: 'IT accord' }).expect(200);
      for (const body of [{ commentsOpen: null }, { moderation: null }, { title: 'Null\u0000byte' }]) {
        const res = await cms().send(body).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
      const cleared = await cms().send({ url: null, title: null }).expect(200);
      expect(cleared.body).toMatchObject({ url: null, title: null, commentsOpen: true, moderation: 'post' });
    });

    it('GET /articles/counts answers every id asked, 0 for unknown ones', async () => {
      await t.dataSource.query(`INSERT INTO articles (id, comment_count) VALUES ('a', 12), ('c', 3)`);
      const res = await t.http().get('/articles/counts?ids=a,b,c').expect(200);
      expect(res.body).toEqual({ counts: { a: 12, b: 0, c: 3 } });
    });

    it('GET /articles/counts refuses more than 100 ids, none, and bad ids', async () => {
      const many = Array.from({ length: 101 }, (_, i) => `a${i}`).join(',');
      expect((await t.http().get(`/articles/counts?ids=${many}`).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      expect((await t.http().get('/articles/counts').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      expect((await t.http().get('/articles/counts?ids=a,b%20c').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      await t.http().get(`/articles/counts?ids=${Array.from({ length: 100 }, (_, i) => `a${i}`).join(',')}`).expect(200);
    });
  });

  it('serves the OpenAPI description at /docs-json and its UI at /docs', async () => {
    const json = await t.http().get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health/ready', '/articles/{articleId}', '/articles/counts']));
    const ui = await t.http().get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('GET /metrics counts requests by route', async () => {
    await t.http().get('/articles/m1').expect(200);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/articles\/:articleId",status="200"\} \d+/);
  });

  it('the entities and the migrations describe the same schema', async () => {
    const sql = await t.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });
});

describe('logging', () => {
  it('writes one JSON line per request with its request id, and no query string', async () => {
    const lines: string[] = [];
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: process.env.TEST_RUN_DATABASE_URL!, LOG_LEVEL: 'info' });
    const app = await createApp(config, new JsonLogger('info', (line) => lines.push(line)));
    try {
      const res = await request(app.getHttpServer()).get('/articles/log-me?secret=oauth-code-123').expect(200);
      const access = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request' && l.path === '/articles/log-me');
      expect(access).toMatchObject({ level: 'info', requestId: res.headers['x-request-id'], method: 'GET', route: '/articles/:articleId', status: 200 });
      expect(lines.join('\n')).not.toContain('oauth-code-123');
    } finally {
      await app.close();
    }
  });
});

describe('migrations under the advisory lock', () => {
  it('two instances migrating a fresh database together apply each migration once', async () => {
    const base = process.env.TEST_RUN_DATABASE_URL!;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    const name = `${new URL(base).pathname.slice(1)}_lock`;
    let url = base;
    const canCreate = await admin.query(`CREATE DATABASE "${name}"`).then(() => true, () => false);
    if (canCreate) url = base.replace(/\/[^/]+$/, `/${name}`);
    try {
      const a = new DataSource(dataSourceOptions({ url, poolMax: 2 }));
      const b = new DataSource(dataSourceOptions({ url, poolMax: 2 }));
      await Promise.all([a.initialize(), b.initialize()]);
      const [ranA, ranB] = await Promise.all([migrateWithLock(a), migrateWithLock(b)]);
      const recorded: { name: string }[] = await a.query('SELECT name FROM migrations');
      expect(new Set(recorded.map((r) => r.name)).size).toBe(recorded.length);
      if (canCreate) expect(ranA.length + ranB.length).toBe(recorded.length);
      expect(await migrationsApplied(a)).toBe(true);
      await Promise.all([a.destroy(), b.destroy()]);
    } finally {
      if (canCreate) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe('start-up', () => {
  function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(__dirname, '../dist/src/main.js')], {
        env: { PATH: process.env.PATH ?? '', ...env },
        // Not the repository: a developer's .env there must not reach the server under test.
        cwd: os.tmpdir(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.on('data', (d) => (stdout += d));
      child.on('exit', (code) => resolve({ code, stderr, stdout }));
    });
  }

  it.each([
    [{ PORT: 'eighty' }, 'Configuration error: PORT: must be a whole number, got "eighty"'],
    [{ DATABASE_URL: 'http://db:5432/x' }, 'Configuration error: DATABASE_URL: must start with postgres://'],
    [{ NODE_ENV: 'production' }, 'Configuration error: SESSION_SECRET: is required when NODE_ENV=production'],
  ])('a bad value (%j) stops start-up with one line naming the variable', async (env, line) => {
    const { code, stderr, stdout } = await start(env);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(stderr.trim().split('\n')[0]);
    expect(stderr.trim()).toContain(line);
    expect(stderr).not.toMatch(/\s+at /);
    expect(stdout).toBe('');
  });
});
