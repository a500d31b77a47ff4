import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { JsonLogger } from '../../src/common/json-logger';
import { loadConfig } from '../../src/config/config';
import { startFakeProviders, type FakeProviders } from '../fakes/fake-providers';
import { freePort } from '../helpers/free-port';
import { login, type Session } from '../helpers/login';
import { NO_FLOOD_LIMITS, providerEnv } from '../helpers/provider-env';
import { SseClient } from '../helpers/sse';
import { OwnPostgres } from './own-postgres';

interface Instance {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  logs: Record<string, unknown>[];
  base: string;
  close(): Promise<void>;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The database failing under the service (issue 12, rows 5, 6 and 7), on a
 * Postgres this spec starts, stops, freezes and restarts itself.
 */
describe('database faults', () => {
  let pg: OwnPostgres;
  let fakes: FakeProviders;
  const instances: Instance[] = [];

  async function start(env: Record<string, string> = {}): Promise<Instance> {
    const config = loadConfig({
      NODE_ENV: 'test',
      ...providerEnv(fakes, { ...NO_FLOOD_LIMITS, DATABASE_URL: pg.url, DATABASE_STATEMENT_TIMEOUT_MS: '2000', DATABASE_CONNECT_TIMEOUT_MS: '1500', ...env }),
    });
    const logs: Record<string, unknown>[] = [];
    const app = await createApp({ ...config, databasePoolMax: 4 }, new JsonLogger('info', (line) => logs.push(JSON.parse(line))));
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    const instance: Instance = { app, logs, base: `http://127.0.0.1:${port}`, http: () => request(app.getHttpServer()), close: () => app.close() };
    instances.push(instance);
    return instance;
  }

  beforeAll(async () => {
    pg = await OwnPostgres.start();
    fakes = await startFakeProviders();
  }, 60_000);
  afterEach(async () => {
    pg.thaw();
    await until('the database', async () => {
      await pg.up().catch(() => undefined);
      const ds = new DataSource({ type: 'postgres', url: pg.url });
      await ds.initialize();
      await ds.destroy();
      return true;
    });
    for (const i of instances.splice(0)) await i.close().catch(() => undefined);
  }, 60_000);
  afterAll(async () => {
    await pg?.destroy();
    await fakes?.close();
  }, 60_000);

  const post = (i: Instance, s: Session, body: string) =>
    i.http().post('/articles/faults/comments').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body });

  it('row 7: a stopped database answers 503 UNAVAILABLE with Retry-After, one log line down and one up, none per request', async () => {
    const a = await start();
    await a.http().get('/articles/faults/comments').expect(200);
    await pg.down();
    for (let i = 0; i < 20; i++) {
      const res = await a.http().get('/articles/faults/comments');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: { code: 'UNAVAILABLE', message: expect.any(String) } });
      expect(res.headers['retry-after']).toBe('5');
    }
    expect((await a.http().get('/health/ready')).status).toBe(503);
    await pg.up();
    await until('reads to answer again', async () => (await a.http().get('/articles/faults/comments')).status === 200);
    await until('the line saying it is back', async () => a.logs.some((l) => l.msg === 'database available again'));
    expect(a.logs.filter((l) => String(l.msg).startsWith('database unavailable'))).toHaveLength(1);
    expect(a.logs.filter((l) => l.level === 'error' && l.stack)).toEqual([]);
    expect(a.logs.filter((l) => l.msg === 'request failed')).toEqual([]);
  }, 60_000);

  it('row 5: a frozen database: /health/ready, reads and posts answer 503 while it is still frozen, and it recovers', async () => {
    const a = await start();
    const s = await login(a as never, 'twitter', { screenName: 'frozen' });
    await post(a, s, 'Before the freeze.').expect(201);
    pg.freeze();
    try {
      const ready = await a.http().get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error.code).toBe('UNAVAILABLE');
      const read = await a.http().get('/articles/faults/comments');
      expect(read.status).toBe(503);
      expect(read.body.error.code).toBe('UNAVAILABLE');
      expect(read.headers['retry-after']).toBe('5');
      const written = await post(a, s, 'During the freeze.');
      expect(written.status).toBe(503);
      expect(written.body.error.code).toBe('UNAVAILABLE');
    } finally {
      pg.thaw();
    }
    await until('ready again', async () => (await a.http().get('/health/ready')).status === 200);
    await post(a, s, 'After the freeze.').expect(201);
  }, 90_000);

  it('row 6: after a database restart LISTEN comes back, and another instance’s events arrive without polling', async () => {
    // Polling is off in effect: only a notification can bring the event.
    const streaming = await start({ LIVE_POLL_SECONDS: '3600' });
    const writing = await start();
    const s = await login(writing as never, 'twitter', { screenName: 'restart' });
    const listeners = async () => {
      const ds = new DataSource({ type: 'postgres', url: pg.url });
      await ds.initialize();
      try {
        const rows: unknown[] = await ds.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'newsroom-comments-listener' AND query LIKE 'LISTEN%'`);
        return rows.length;
      } finally {
        await ds.destroy();
      }
    };
    await until('both listeners', async () => (await listeners()) === 2);
    await pg.restart();
    await until('both listeners back after the restart', async () => (await listeners()) === 2, 30_000);
    await until('reads again', async () => (await streaming.http().get('/articles/faults/comments')).status === 200);
    const stream = await SseClient.open(`${streaming.base}/articles/faults/events`);
    await until('a post after the restart', async () => (await post(writing, s, 'Back after the restart.')).status === 201);
    const [frame] = await stream.waitFor(1, 15_000);
    expect(frame.event).toBe('comment.created');
    expect(JSON.parse(frame.data!).body).toBe('Back after the restart.');
    stream.close();
    expect(streaming.logs.filter((l) => String(l.msg).startsWith('event listener')).length).toBeLessThanOrEqual(2);
  }, 90_000);
});
